using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Chat.Transport;
using StructGen.Sse;
using StructGen.Tests.Support;
using Xunit;

namespace StructGen.Tests.Transport
{
    /// <summary>The adapter that reads Amazon Bedrock's AWS event stream as the Messages SSE it carries; frames built here.</summary>
    public class AwsEventStreamReadStreamTests
    {
        private const string Start = "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_bdrk_x\"}}";
        private const string Stop = "{\"type\":\"message_stop\"}";

        /// <summary>Hands out at most <c>size</c> bytes per read, asynchronously or not.</summary>
        private sealed class Trickle : MemoryStream
        {
            private readonly int _size;

            public Trickle(byte[] data, int size) : base(data) => _size = size;

            public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, _size));

            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
                base.ReadAsync(buffer.Slice(0, Math.Min(buffer.Length, _size)), cancellationToken);

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                base.ReadAsync(buffer, offset, Math.Min(count, _size), cancellationToken);
        }

        private static async Task<string> ReadAllAsync(byte[] body, int innerReadSize = int.MaxValue, int outerBuffer = 4096)
        {
            using var stream = new AwsEventStreamReadStream(new Trickle(body, innerReadSize), 1024 * 1024);
            var output = new MemoryStream();
            var buffer = new byte[outerBuffer];
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory())) > 0) output.Write(buffer, 0, read);
            return Encoding.UTF8.GetString(output.ToArray());
        }

        [Theory]
        [InlineData(int.MaxValue, 4096)]
        [InlineData(1, 4096)]
        [InlineData(13, 5)]
        [InlineData(100, 1)]
        public async Task Chunks_become_named_sse_events_however_the_body_and_the_reads_are_cut(int innerReadSize, int outerBuffer)
        {
            var body = EventStreamFrames.Body(EventStreamFrames.Chunk(Start), EventStreamFrames.Chunk(Stop, padding: new string('p', 40_000)));

            var text = await ReadAllAsync(body, innerReadSize, outerBuffer);

            Assert.Equal("event: message_start\ndata: " + Start + "\n\nevent: message_stop\ndata: " + Stop + "\n\n", text);
        }

        [Fact]
        public void Synchronous_reads_give_the_same_text()
        {
            var body = EventStreamFrames.Body(EventStreamFrames.Chunk(Start), EventStreamFrames.Chunk(Stop));
            using var stream = new AwsEventStreamReadStream(new Trickle(body, 7), 1024 * 1024);
            var text = new StreamReader(stream).ReadToEnd();
            Assert.Equal("event: message_start\ndata: " + Start + "\n\nevent: message_stop\ndata: " + Stop + "\n\n", text);
        }

        [Fact]
        public async Task Headers_of_every_value_type_are_skipped_and_line_breaks_in_the_json_become_spaces()
        {
            var extra = new MemoryStream();
            void Header(string name, byte type, params byte[] value)
            {
                extra.WriteByte((byte)name.Length);
                extra.Write(Encoding.ASCII.GetBytes(name));
                extra.WriteByte(type);
                extra.Write(value);
            }

            Header("t", 0);
            Header("f", 1);
            Header("b", 2, 0x07);
            Header("s", 3, 0x00, 0x07);
            Header("i", 4, 0, 0, 0, 7);
            Header("l", 5, 0, 0, 0, 0, 0, 0, 0, 7);
            Header("bytes", 6, 0x00, 0x03, 0xFF, 0x00, 0x07);
            Header("ts", 8, 0, 0, 1, 0x8C, 0, 0, 0, 0);
            Header("uuid", 9, new byte[16]);
            string json = "{\"type\":\"ping\",\r\n\"x\":1}";
            string payload = "{\"p\":\"pad\",\"bytes\":\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes(json)) + "\"}";
            var frame = EventStreamFrames.Frame(new[] { (":event-type", "chunk"), (":message-type", "event") }, Encoding.UTF8.GetBytes(payload), extra.ToArray());

            Assert.Equal("event: ping\ndata: {\"type\":\"ping\",  \"x\":1}\n\n", await ReadAllAsync(frame));
        }

        [Fact]
        public async Task Exception_frames_become_anthropic_error_events_and_other_events_are_skipped()
        {
            var body = EventStreamFrames.Body(
                EventStreamFrames.Frame(new[] { (":event-type", "metadata"), (":message-type", "event") }, Encoding.UTF8.GetBytes("{}")),
                EventStreamFrames.Exception("modelStreamErrorException", "The model \\\"stopped\\\"."));

            Assert.Equal(
                "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"modelStreamErrorException\",\"message\":\"The model \\u0022stopped\\u0022.\"}}\n\n",
                await ReadAllAsync(body));
        }

        [Fact]
        public async Task A_bad_prelude_crc_is_a_format_error_naming_the_event_stream()
        {
            var body = EventStreamFrames.Chunk(Start);
            body[9] ^= 0xFF;

            var error = await Assert.ThrowsAsync<SseFormatException>(() => ReadAllAsync(body));
            Assert.Contains("AWS event stream is malformed at byte 0: the prelude CRC", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_bad_message_crc_in_a_later_frame_says_where()
        {
            var first = EventStreamFrames.Chunk(Start);
            var second = EventStreamFrames.Chunk(Stop);
            second[second.Length - 1] ^= 0x01;

            var error = await Assert.ThrowsAsync<SseFormatException>(() => ReadAllAsync(EventStreamFrames.Body(first, second)));
            Assert.Contains("at byte " + first.Length + ": the message CRC does not match", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_chunk_without_base64_bytes_is_a_format_error()
        {
            var frame = EventStreamFrames.Frame(new[] { (":event-type", "chunk"), (":message-type", "event") }, Encoding.UTF8.GetBytes("{\"bytes\":\"@@\"}"));
            var error = await Assert.ThrowsAsync<SseFormatException>(() => ReadAllAsync(frame));
            Assert.Contains("base64", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_body_cut_inside_a_frame_is_an_io_error_like_a_dropped_connection()
        {
            var body = EventStreamFrames.Body(EventStreamFrames.Chunk(Start), EventStreamFrames.Chunk(Stop));
            var cut = body.AsSpan(0, body.Length - 5).ToArray();

            var error = await Assert.ThrowsAsync<IOException>(() => ReadAllAsync(cut));
            Assert.Contains("ended inside an AWS event-stream frame", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_declared_length_over_the_limit_is_refused_before_it_is_buffered()
        {
            var frame = EventStreamFrames.Chunk(Stop, padding: new string('p', 70_000));
            using var stream = new AwsEventStreamReadStream(new MemoryStream(frame), 64 * 1024);

            var error = await Assert.ThrowsAsync<SseFormatException>(async () => await stream.ReadAtLeastAsync(new byte[100].AsMemory(), 1));
            Assert.Contains("declares", error.Message, StringComparison.Ordinal);
        }
    }
}
