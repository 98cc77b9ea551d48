using System;
using System.Collections.Generic;
using System.IO;
using StructGen.Cassettes;
using Xunit;

namespace StructGen.Tests.Cassettes
{
    public class CassetteWriterTests
    {
        public static IEnumerable<object[]> AllCassettes => CassetteFiles.All();

        public static IEnumerable<object[]> AwkwardStrings()
        {
            foreach (string value in new[]
            {
                string.Empty, "\n", "\n\n", "a\n", "a", "a\n\n\n", "no trailing\nnewline", " leading space\nx\n", "trailing space \nx\n",
                "  ", "\tindented by tab\n", "line\r\nwith crlf\r\n", "lone\rcr", "nel\u0085sep\u2028par\u2029", "\u0001control",
                "It's", "'quoted'", "\"dq\"", "null", "~", "true", "no", "123", "-1.5e3", "0x1F", "2024-01-02", "- dash", "# hash",
                ": colon", "key: value", "a #comment", "[flow]", "{\"json\":true}", "--- doc", "...", "ünïcødé ° ’ 😀\n", "\\backslash",
                "data: {\"a\":1}\n\ndata: [DONE]\n\n",
            })
            {
                yield return new object[] { value };
            }
        }

        [Theory]
        [MemberData(nameof(AllCassettes))]
        public void Load_serialize_load_gives_equal_interactions(string file, int interactionCount)
        {
            Cassette original = CassetteLoader.Load(CassetteFiles.PathOf(file));

            Cassette reloaded = CassetteLoader.Parse(CassetteWriter.Serialize(original));

            Assert.Equal(interactionCount, reloaded.Interactions.Count);
            CassetteAssert.Equal(original, reloaded);
        }

        [Theory]
        [MemberData(nameof(AllCassettes))]
        public void Serializing_a_loaded_go_vcr_file_reproduces_it_byte_for_byte(string file, int interactionCount)
        {
            string path = CassetteFiles.PathOf(file);
            string text = File.ReadAllText(path);

            string written = CassetteWriter.Serialize(CassetteLoader.Load(path));

            Assert.True(interactionCount > 0);
            Assert.Equal(text, written);
        }

        [Theory]
        [MemberData(nameof(AwkwardStrings))]
        public void Any_string_round_trips_exactly_in_every_field(string value)
        {
            var cassette = new Cassette();
            var interaction = new CassetteInteraction();
            interaction.Request.Body = value;
            interaction.Request.Url = "http://example.test/";
            interaction.Request.Method = "POST";
            interaction.Request.Headers.Add("X-Value", value);
            interaction.Response.Body = value;
            interaction.Response.Status = value;
            cassette.Interactions.Add(interaction);

            string yaml = CassetteWriter.Serialize(cassette);
            Cassette reloaded = CassetteLoader.Parse(yaml);

            CassetteAssert.Equal(cassette, reloaded);
        }

        [Fact]
        public void Empty_optional_fields_are_omitted_like_go_vcr_omitempty()
        {
            var cassette = new Cassette();
            var interaction = new CassetteInteraction();
            interaction.Request.Url = "http://example.test/";
            interaction.Request.Method = "GET";
            cassette.Interactions.Add(interaction);

            string yaml = CassetteWriter.Serialize(cassette);

            Assert.Equal(
                "---\n"
                + "version: 2\n"
                + "interactions:\n"
                + "- id: 0\n"
                + "  request:\n"
                + "    proto: HTTP/1.1\n"
                + "    proto_major: 1\n"
                + "    proto_minor: 1\n"
                + "    content_length: 0\n"
                + "    host: \"\"\n"
                + "    url: http://example.test/\n"
                + "    method: GET\n"
                + "  response:\n"
                + "    proto: HTTP/1.1\n"
                + "    proto_major: 1\n"
                + "    proto_minor: 1\n"
                + "    content_length: -1\n"
                + "    body: \"\"\n"
                + "    headers: {}\n"
                + "    status: 200 OK\n"
                + "    code: 200\n"
                + "    duration: 0s\n",
                yaml);
        }

        [Fact]
        public void Empty_cassette_writes_an_empty_list()
        {
            Assert.Equal("---\nversion: 2\ninteractions: []\n", CassetteWriter.Serialize(new Cassette()));
        }

        [Fact]
        public void Optional_go_fields_are_written_in_go_vcr_order_and_read_back()
        {
            var cassette = new Cassette();
            var interaction = new CassetteInteraction { Id = 0 };
            interaction.Request.TransferEncoding.Add("chunked");
            interaction.Request.Trailer.Add("X-Checksum", "abc");
            interaction.Request.RemoteAddr = "127.0.0.1:1234";
            interaction.Request.RequestUri = "/v1/x";
            interaction.Request.Form.Add("q", "1");
            interaction.Request.Url = "http://example.test/v1/x";
            interaction.Request.Method = "POST";
            interaction.Response.TransferEncoding.Add("chunked");
            interaction.Response.Uncompressed = true;
            interaction.Response.Body = "{}";
            cassette.Interactions.Add(interaction);

            string yaml = CassetteWriter.Serialize(cassette);

            Assert.Contains(
                "    content_length: 0\n    transfer_encoding:\n    - chunked\n    trailer:\n      X-Checksum:\n      - abc\n    host: \"\"\n"
                + "    remote_addr: 127.0.0.1:1234\n    request_uri: /v1/x\n    form:\n      q:\n      - \"1\"\n    url:",
                yaml,
                StringComparison.Ordinal);
            Assert.Contains("    transfer_encoding:\n    - chunked\n    content_length: -1\n    uncompressed: true\n    body: '{}'\n", yaml, StringComparison.Ordinal);
            CassetteAssert.Equal(cassette, CassetteLoader.Parse(yaml));
        }

        [Fact]
        public void Save_creates_the_folder_and_writes_utf8_without_bom()
        {
            string folder = Path.Combine(Path.GetTempPath(), "structgen-writer-" + Guid.NewGuid().ToString("N"));
            string path = Path.Combine(folder, "nested", "c.yaml");
            try
            {
                Cassette original = CassetteLoader.Load(CassetteFiles.PathOf(CassetteFiles.O4MiniToolStreaming));

                CassetteWriter.Save(original, path);

                byte[] bytes = File.ReadAllBytes(path);
                Assert.Equal((byte)'-', bytes[0]);
                CassetteAssert.Equal(original, CassetteLoader.Load(path));
            }
            finally
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }
    }
}
