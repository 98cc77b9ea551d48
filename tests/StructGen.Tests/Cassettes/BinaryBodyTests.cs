using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using StructGen.Cassettes;
using StructGen.Tests.Support;
using Xunit;

namespace StructGen.Tests.Cassettes
{
    /// <summary>Bodies that are not UTF-8 (AWS event streams) load from, replay and record as go-vcr's <c>!!binary</c>.</summary>
    public class BinaryBodyTests
    {
        private const string Url = "https://bedrock-runtime.us-east-1.amazonaws.com/model/m/invoke-with-response-stream";

        private static byte[] TwoFrames() => EventStreamFrames.Body(
            EventStreamFrames.Chunk("{\"type\":\"message_start\"}"),
            EventStreamFrames.Chunk("{\"type\":\"message_stop\"}", padding: "xyz"));

        private static Cassette BinaryCassette(byte[] body)
        {
            var cassette = new Cassette();
            var interaction = new CassetteInteraction { Id = 0 };
            interaction.Request.Url = Url;
            interaction.Request.Method = "POST";
            interaction.Request.Body = "{}";
            interaction.Request.ContentLength = 2;
            interaction.Response.BinaryBody = body;
            interaction.Response.Headers.Add("Content-Type", "application/vnd.amazon.eventstream");
            cassette.Interactions.Add(interaction);
            return cassette;
        }

        [Fact]
        public void A_binary_body_wrapped_over_lines_loads_as_its_bytes()
        {
            byte[] bytes = { 0x00, 0x01, 0xFF, 0xFE, 0x80, 0x41, 0x42, 0xC3, 0x28, 0x10, 0x20, 0x30 };
            string base64 = Convert.ToBase64String(bytes); // 16 characters, split over two lines
            string yaml = "---\nversion: 2\ninteractions:\n- id: 0\n  request:\n    body: !!binary |\n      " + base64.Substring(0, 8) + "\n      " + base64.Substring(8)
                + "\n    url: " + Url + "\n    method: POST\n  response:\n    body: !!binary |\n      " + base64.Substring(0, 10) + "\n      " + base64.Substring(10)
                + "\n    code: 200\n";

            Cassette cassette = CassetteLoader.Parse(yaml);

            Assert.Equal(bytes, cassette.Interactions[0].Request.BinaryBody);
            Assert.Equal(bytes, cassette.Interactions[0].Response.BinaryBody);
            Assert.Equal(string.Empty, cassette.Interactions[0].Response.Body);
        }

        [Fact]
        public void Bad_base64_under_the_binary_tag_is_a_format_error_with_its_line()
        {
            string yaml = "---\nversion: 2\ninteractions:\n- id: 0\n  request:\n    url: " + Url + "\n    method: POST\n  response:\n    body: !!binary '@@@'\n    code: 200\n";

            var error = Assert.Throws<CassetteFormatException>(() => CassetteLoader.Parse(yaml));
            Assert.Contains("!!binary", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_binary_body_is_written_like_go_in_lines_of_70_and_round_trips_byte_for_byte()
        {
            byte[] body = TwoFrames();
            string yaml = CassetteWriter.Serialize(BinaryCassette(body));

            Assert.Contains("    body: !!binary |\n      ", yaml, StringComparison.Ordinal);
            int start = yaml.IndexOf("!!binary |\n", StringComparison.Ordinal) + "!!binary |\n".Length;
            string[] lines = yaml.Substring(start, yaml.IndexOf("\n    headers:", start, StringComparison.Ordinal) - start).Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                Assert.StartsWith("      ", lines[i], StringComparison.Ordinal);
                Assert.True(i == lines.Length - 1 ? lines[i].Length <= 76 : lines[i].Length == 76, lines[i]);
            }

            Cassette loaded = CassetteLoader.Parse(yaml);
            Assert.Equal(body, loaded.Interactions[0].Response.BinaryBody);
            Assert.Equal(yaml, CassetteWriter.Serialize(loaded));
        }

        [Fact]
        public async Task Event_boundary_replay_hands_out_one_whole_frame_per_read()
        {
            byte[] body = TwoFrames();
            using var client = new HttpClient(new ReplayHandler(BinaryCassette(body)));

            List<byte[]> reads = await ReadAllAsync(client, 64 * 1024);

            Assert.Equal(2, reads.Count);
            Assert.Equal(EventStreamFrames.Chunk("{\"type\":\"message_start\"}"), reads[0]);
            Assert.Equal(body, Concat(reads));
        }

        [Fact]
        public async Task Fixed_size_replay_cuts_frames_anywhere_and_keeps_every_byte()
        {
            byte[] body = TwoFrames();
            using var client = new HttpClient(new ReplayHandler(BinaryCassette(body), new CassetteReplayOptions { Chunking = ChunkingMode.FixedSize(7) }));

            List<byte[]> reads = await ReadAllAsync(client, 64 * 1024);

            Assert.All(reads, read => Assert.True(read.Length <= 7));
            Assert.Equal(body, Concat(reads));
        }

        [Fact]
        public async Task Recording_a_body_that_is_not_utf8_stores_it_as_binary_and_text_stays_text()
        {
            byte[] body = TwoFrames();
            using var recorder = new RecordingHandler(new ReplayHandler(BinaryCassette(body)));
            using (var client = new HttpClient(recorder))
            {
                using var response = await client.PostAsync(Url, new StringContent("{}"));
                await response.Content.ReadAsByteArrayAsync();
            }

            CassetteInteraction recorded = (await recorder.ToCassetteAsync()).Interactions[0];

            Assert.Equal(body, recorded.Response.BinaryBody);
            Assert.Equal(string.Empty, recorded.Response.Body);
            Assert.Null(recorded.Request.BinaryBody);
            Assert.Equal("{}", recorded.Request.Body);
        }

        [Fact]
        public async Task A_binary_recorded_request_body_matches_byte_for_byte()
        {
            Cassette cassette = BinaryCassette(TwoFrames());
            cassette.Interactions[0].Request.Body = string.Empty;
            cassette.Interactions[0].Request.BinaryBody = new byte[] { 0xFF, 0x00, 0x01 };
            using var client = new HttpClient(new ReplayHandler(cassette));

            var mismatch = await Assert.ThrowsAsync<CassetteMismatchException>(() => client.PostAsync(Url, new ByteArrayContent(new byte[] { 0xFF, 0x00, 0x02 })));
            Assert.Contains("byte 2", mismatch.Message, StringComparison.Ordinal);

            using var ok = await client.PostAsync(Url, new ByteArrayContent(new byte[] { 0xFF, 0x00, 0x01 }));
            Assert.Equal(TwoFrames(), await ok.Content.ReadAsByteArrayAsync());
        }

        private static async Task<List<byte[]>> ReadAllAsync(HttpClient client, int bufferSize)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent("{}") };
            using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            using Stream stream = await response.Content.ReadAsStreamAsync();
            var reads = new List<byte[]>();
            var buffer = new byte[bufferSize];
            int read;
            while ((read = await stream.ReadAsync(buffer, 0, buffer.Length)) > 0)
            {
                reads.Add(buffer.AsSpan(0, read).ToArray());
            }

            return reads;
        }

        private static byte[] Concat(List<byte[]> reads)
        {
            var all = new MemoryStream();
            foreach (byte[] read in reads) all.Write(read, 0, read.Length);
            return all.ToArray();
        }
    }
}
