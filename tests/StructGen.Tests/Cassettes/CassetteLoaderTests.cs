using System;
using System.Collections.Generic;
using System.IO;
using StructGen.Cassettes;
using Xunit;

namespace StructGen.Tests.Cassettes
{
    public class CassetteLoaderTests
    {
        public static IEnumerable<object[]> AllCassettes => CassetteFiles.All();

        [Theory]
        [MemberData(nameof(AllCassettes))]
        public void Every_seed_cassette_loads_with_its_interactions(string file, int interactionCount)
        {
            string path = CassetteFiles.PathOf(file);

            Cassette cassette = CassetteLoader.Load(path);

            Assert.Equal(2, cassette.Version);
            Assert.Equal(path, cassette.SourcePath);
            Assert.Equal(interactionCount, cassette.Interactions.Count);
            for (int i = 0; i < interactionCount; i++)
            {
                CassetteInteraction interaction = cassette.Interactions[i];
                Assert.Equal(i, interaction.Id);
                Assert.Equal("POST", interaction.Request.Method);
                Assert.Equal(CassetteFiles.ChatCompletionsUrl, interaction.Request.Url);
                Assert.Equal("HTTP/1.1", interaction.Request.Proto);
                Assert.Equal(string.Empty, interaction.Request.Host);
                Assert.StartsWith("{\"messages\":[", interaction.Request.Body, StringComparison.Ordinal);
                Assert.Equal(interaction.Request.Body.Length, interaction.Request.ContentLength);
                Assert.True(interaction.Request.Headers.TryGetValues("content-type", out IReadOnlyList<string> contentType));
                Assert.Equal(new[] { "application/json" }, contentType);

                Assert.Equal(200, interaction.Response.Code);
                Assert.Equal("200 OK", interaction.Response.Status);
                Assert.Equal("HTTP/2.0", interaction.Response.Proto);
                Assert.Equal(2, interaction.Response.ProtoMajor);
                Assert.Equal(-1, interaction.Response.ContentLength);
                Assert.StartsWith("data: ", interaction.Response.Body, StringComparison.Ordinal);
                Assert.EndsWith("\n\ndata: [DONE]\n\n", interaction.Response.Body, StringComparison.Ordinal);
                Assert.True(interaction.Response.Headers.TryGetValues("Content-Type", out IReadOnlyList<string> responseType));
                Assert.Equal(new[] { "text/event-stream; charset=utf-8" }, responseType);
                Assert.True(GoDuration.TryParse(interaction.Response.Duration, out TimeSpan duration));
                Assert.True(duration > TimeSpan.Zero);
            }
        }

        [Fact]
        public void Single_quoted_body_unescapes_doubled_apostrophes()
        {
            Cassette cassette = CassetteLoader.Load(CassetteFiles.PathOf(CassetteFiles.O4MiniToolStreaming));

            Assert.Contains("\"What's the weather in Florence,Italy?\"", cassette.Interactions[0].Request.Body, StringComparison.Ordinal);
            Assert.Equal("1.224742875s", cassette.Interactions[0].Response.Duration);
            Assert.Equal("450.043792ms", cassette.Interactions[1].Response.Duration);
        }

        [Fact]
        public void Literal_body_keeps_non_ascii_text_and_every_event()
        {
            Cassette cassette = CassetteLoader.Load(CassetteFiles.PathOf(CassetteFiles.O4MiniToolStreaming));
            string body = cassette.Interactions[1].Response.Body;

            Assert.Contains("\"content\":\"°C\"", body, StringComparison.Ordinal);
            Assert.Contains("\"content\":\"’d\"", body, StringComparison.Ordinal);
            Assert.Equal(47, CountOccurrences(body, "data: "));
            Assert.DoesNotContain("\r", body, StringComparison.Ordinal);
        }

        [Fact]
        public void Reads_keep_strip_and_clip_block_scalars_and_multi_value_headers()
        {
            const string yaml = "---\n"
                + "version: 2\n"
                + "interactions:\n"
                + "- id: 0\n"
                + "  request:\n"
                + "    body: |-\n"
                + "      line one\n"
                + "      line two\n"
                + "    form:\n"
                + "      q:\n"
                + "      - a\n"
                + "      - b\n"
                + "    headers:\n"
                + "      Accept:\n"
                + "      - text/plain\n"
                + "      - application/json\n"
                + "    url: http://example.test/x?y=1\n"
                + "    method: GET\n"
                + "  response:\n"
                + "    body: |\n"
                + "      clipped\n"
                + "\n"
                + "\n"
                + "    headers:\n"
                + "      X-Many:\n"
                + "      - \"1\"\n"
                + "      - two\n"
                + "    status: 404 Not Found\n"
                + "    code: 404\n"
                + "    duration: 1m2.5s\n"
                + "- id: 1\n"
                + "  request:\n"
                + "    body: \"tab\\there\"\n"
                + "    url: http://example.test/\n"
                + "    method: POST\n"
                + "  response:\n"
                + "    body: |+\n"
                + "      kept\n"
                + "\n"
                + "\n"
                + "    headers: {}\n"
                + "    status: 200 OK\n"
                + "    code: 200\n"
                + "    duration: 0s\n";

            Cassette cassette = CassetteLoader.Parse(yaml);

            CassetteInteraction first = cassette.Interactions[0];
            Assert.Equal("line one\nline two", first.Request.Body);
            Assert.True(first.Request.Headers.TryGetValues("accept", out IReadOnlyList<string> accept));
            Assert.Equal(new[] { "text/plain", "application/json" }, accept);
            Assert.True(first.Request.Form.TryGetValues("q", out IReadOnlyList<string> q));
            Assert.Equal(new[] { "a", "b" }, q);
            Assert.False(first.Request.Form.Contains("Q")); // form keys are case-sensitive, like url.Values
            Assert.Equal("clipped\n", first.Response.Body);
            Assert.True(first.Response.Headers.TryGetValues("X-Many", out IReadOnlyList<string> many));
            Assert.Equal(new[] { "1", "two" }, many);
            Assert.Equal(404, first.Response.Code);

            CassetteInteraction second = cassette.Interactions[1];
            Assert.Equal("tab\there", second.Request.Body);
            Assert.Equal("kept\n\n\n", second.Response.Body);
            Assert.Equal(0, second.Response.Headers.Count);
        }

        [Fact]
        public void Version_1_cassettes_without_ids_or_protocol_fields_load()
        {
            const string yaml = "---\nversion: 1\ninteractions:\n"
                + "- request:\n    body: \"\"\n    form: {}\n    headers: {}\n    url: http://example.test/a\n    method: GET\n"
                + "  response:\n    body: ok\n    headers: {}\n    status: 200 OK\n    code: 200\n    duration: \"\"\n"
                + "- request:\n    url: http://example.test/b\n    method: GET\n"
                + "  response:\n    body: ok\n    code: 200\n";

            Cassette cassette = CassetteLoader.Parse(yaml);

            Assert.Equal(1, cassette.Version);
            Assert.Equal(new[] { 0, 1 }, new[] { cassette.Interactions[0].Id, cassette.Interactions[1].Id });
            Assert.Equal("http://example.test/b", cassette.Interactions[1].Request.Url);
            Assert.Equal("0s", cassette.Interactions[0].Response.Duration);
            Assert.Equal("200", cassette.Interactions[1].Response.Status); // no status text: the code stands in
        }

        [Fact]
        public void Missing_file_is_an_io_error()
        {
            Assert.Throws<FileNotFoundException>(() => CassetteLoader.Load(Path.Combine(AppContext.BaseDirectory, "cassettes", "nope.yaml")));
        }

        private static int CountOccurrences(string text, string value)
        {
            int count = 0;
            for (int at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
            {
                count++;
            }

            return count;
        }
    }
}
