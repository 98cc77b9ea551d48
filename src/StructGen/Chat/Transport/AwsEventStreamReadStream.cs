using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Sse;

namespace StructGen.Chat.Transport
{
    /// <summary>
    /// Reads an AWS event stream (<c>application/vnd.amazon.eventstream</c>, the body of Amazon Bedrock's
    /// <c>invoke-with-response-stream</c>) and hands out the server-sent events it stands for, so the Messages
    /// decoder reads it like Anthropic's own stream: each <c>chunk</c> event's base64 <c>bytes</c> become
    /// <c>event: {type}\ndata: {json}\n\n</c>, and an exception frame an Anthropic-shaped <c>event: error</c>.
    /// Both CRCs of every frame are checked; a broken frame is an <see cref="SseFormatException"/>.
    /// </summary>
    internal sealed class AwsEventStreamReadStream : ReadOnlyWrapperStream
    {
        /// <summary>The media type of the stream this adapter reads.</summary>
        public const string MediaType = "application/vnd.amazon.eventstream";

        // A frame: total length, headers length, prelude CRC (12 bytes), headers, payload, message CRC (4 bytes).
        private const int PreludeLength = 12;
        private const int MinimumFrame = PreludeLength + 4;

        private readonly int _maxFrameBytes;
        private byte[] _input = new byte[16 * 1024];
        private int _inputStart;
        private int _inputEnd;
        private long _consumed;
        private bool _innerEnded;
        private byte[] _output = Array.Empty<byte>();
        private int _outputOffset;

        /// <param name="inner">The response body; disposed with this stream.</param>
        /// <param name="maxFrameBytes">The largest frame accepted (a longer declared length is a format error).</param>
        public AwsEventStreamReadStream(Stream inner, int maxFrameBytes)
            : base(inner)
        {
            _maxFrameBytes = Math.Max(maxFrameBytes, 64 * 1024);
        }

        /// <summary>Whether <paramref name="mediaType"/> is an AWS event stream.</summary>
        public static bool Is(string? mediaType) => string.Equals(mediaType, MediaType, StringComparison.OrdinalIgnoreCase);

        public override int Read(byte[] buffer, int offset, int count)
        {
            while (_outputOffset == _output.Length && count > 0)
            {
                if (TryDecodeFrame()) continue;
                if (_innerEnded) return EndOfBody();
                PrepareInput();
                int read = Inner.Read(_input, _inputEnd, _input.Length - _inputEnd);
                Received(read);
            }

            return CopyOutput(buffer, offset, count);
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            while (_outputOffset == _output.Length && count > 0)
            {
                if (TryDecodeFrame()) continue;
                if (_innerEnded) return EndOfBody();
                PrepareInput();
                int read = await Inner.ReadAsync(_input, _inputEnd, _input.Length - _inputEnd, cancellationToken).ConfigureAwait(false);
                Received(read);
            }

            return CopyOutput(buffer, offset, count);
        }

#if NET
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (_outputOffset == _output.Length && buffer.Length > 0)
            {
                if (TryDecodeFrame()) continue;
                if (_innerEnded) return EndOfBody();
                PrepareInput();
                int read = await Inner.ReadAsync(_input.AsMemory(_inputEnd), cancellationToken).ConfigureAwait(false);
                Received(read);
            }

            int n = Math.Min(buffer.Length, _output.Length - _outputOffset);
            _output.AsSpan(_outputOffset, n).CopyTo(buffer.Span);
            _outputOffset += n;
            return n;
        }
#endif


        private int CopyOutput(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(count, _output.Length - _outputOffset);
            Buffer.BlockCopy(_output, _outputOffset, buffer, offset, n);
            _outputOffset += n;
            return n;
        }

        private void Received(int read)
        {
            if (read == 0) _innerEnded = true;
            _inputEnd += read;
        }

        // The body ended: cleanly between frames, or inside one (a cut connection, reported like one).
        private int EndOfBody()
        {
            int left = _inputEnd - _inputStart;
            if (left == 0) return 0;
            throw new IOException(string.Format(CultureInfo.InvariantCulture, "The response ended inside an AWS event-stream frame ({0} bytes of it arrived, at byte {1}).", left, _consumed));
        }

        // Room for the rest of the current frame (at least one more byte) at the end of the input buffer.
        private void PrepareInput()
        {
            int buffered = _inputEnd - _inputStart;
            int needed = buffered >= PreludeLength ? Math.Max((int)ReadUInt32(_input, _inputStart), buffered + 1) : PreludeLength; // a length TryDecodeFrame checked
            if (_inputStart > 0 && _input.Length - _inputEnd < needed - buffered)
            {
                Buffer.BlockCopy(_input, _inputStart, _input, 0, buffered);
                _inputStart = 0;
                _inputEnd = buffered;
            }

            if (_input.Length - _inputStart < needed)
            {
                var bigger = new byte[Math.Max(needed, _input.Length * 2)];
                Buffer.BlockCopy(_input, _inputStart, bigger, 0, buffered);
                _input = bigger;
                _inputStart = 0;
                _inputEnd = buffered;
            }
        }

        // Decodes the next whole frame in the input, if there is one, into _output (which may stay empty: frames that
        // carry no Messages event are skipped).
        private bool TryDecodeFrame()
        {
            int buffered = _inputEnd - _inputStart;
            if (buffered < PreludeLength) return false;
            int start = _inputStart;
            long total = ReadUInt32(_input, start);
            long headersLength = ReadUInt32(_input, start + 4);
            if (Crc32.Compute(_input, start, 8) != ReadUInt32(_input, start + 8))
            {
                throw Broken("the prelude CRC does not match (this is not an AWS event stream, or it is corrupt)");
            }

            if (total < MinimumFrame || headersLength > total - MinimumFrame || total > _maxFrameBytes)
            {
                throw Broken(string.Format(CultureInfo.InvariantCulture, "the frame declares {0} bytes with {1} bytes of headers", total, headersLength));
            }

            if (buffered < total) return false;
            int frameLength = (int)total;
            if (Crc32.Compute(_input, start, frameLength - 4) != ReadUInt32(_input, start + frameLength - 4))
            {
                throw Broken("the message CRC does not match");
            }

            var frame = new Frame();
            ReadHeaders(start + PreludeLength, (int)headersLength, ref frame);
            int payloadStart = start + PreludeLength + (int)headersLength;
            var payload = new ReadOnlySpan<byte>(_input, payloadStart, frameLength - 4 - (payloadStart - start));
            _output = Translate(frame, payload);
            _outputOffset = 0;
            _inputStart += frameLength;
            _consumed += frameLength;
            if (_inputStart == _inputEnd) _inputStart = _inputEnd = 0;
            return true;
        }

        private void ReadHeaders(int offset, int length, ref Frame frame)
        {
            int end = offset + length;
            while (offset < end)
            {
                int nameLength = _input[offset++];
                if (offset + nameLength + 1 > end) throw Broken("a header runs past the headers");
                string name = Encoding.UTF8.GetString(_input, offset, nameLength);
                offset += nameLength;
                byte type = _input[offset++];
                int valueLength = type switch
                {
                    0 or 1 => 0, // true, false
                    2 => 1, // byte
                    3 => 2, // short
                    4 => 4, // int
                    5 or 8 => 8, // long, timestamp
                    9 => 16, // uuid
                    6 or 7 => offset + 2 <= end ? 2 + ((_input[offset] << 8) | _input[offset + 1]) : int.MaxValue, // bytes, string
                    _ => throw Broken("header '" + name + "' has the unknown value type " + type.ToString(CultureInfo.InvariantCulture)),
                };
                if (valueLength > end - offset) throw Broken("header '" + name + "' runs past the headers");
                if (type == 7)
                {
                    string value = Encoding.UTF8.GetString(_input, offset + 2, valueLength - 2);
                    switch (name)
                    {
                        case ":message-type": frame.MessageType = value; break;
                        case ":event-type": frame.EventType = value; break;
                        case ":exception-type": frame.ExceptionType = value; break;
                        case ":error-code": frame.ErrorCode = value; break;
                        case ":error-message": frame.ErrorMessage = value; break;
                    }
                }

                offset += valueLength;
            }
        }

        private byte[] Translate(in Frame frame, ReadOnlySpan<byte> payload)
        {
            switch (frame.MessageType)
            {
                case "event":
                    return frame.EventType == "chunk" ? ChunkEvent(payload) : Array.Empty<byte>();
                case "exception":
                    return ErrorEvent(frame.ExceptionType ?? "exception", MessageOf(payload));
                case "error":
                    return ErrorEvent(frame.ErrorCode ?? "error", frame.ErrorMessage ?? MessageOf(payload));
                default:
                    return Array.Empty<byte>();
            }
        }

        // {"bytes":"<base64 of one Anthropic stream event>","p":"<padding>"} -> event: {type}\ndata: {json}\n\n
        private byte[] ChunkEvent(ReadOnlySpan<byte> payload)
        {
            byte[]? data = null;
            try
            {
                var reader = new Utf8JsonReader(payload);
                if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        bool isBytes = reader.ValueTextEquals("bytes"u8);
                        reader.Read();
                        if (isBytes && reader.TokenType == JsonTokenType.String) data = reader.GetBytesFromBase64();
                        else reader.Skip();
                    }
                }
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
            {
                throw Broken("a chunk's payload is not JSON with base64 'bytes' (" + ex.Message + ")");
            }

            if (data is null) throw Broken("a chunk's payload has no 'bytes'");
            string? type = TypeOf(data) ?? throw Broken("a chunk's event has no 'type'");

            // Raw line breaks can only be JSON whitespace, which a data line cannot hold: spaces mean the same.
            for (int i = 0; i < data.Length; i++)
            {
                if (data[i] is (byte)'\n' or (byte)'\r') data[i] = (byte)' ';
            }

            var eventName = Encoding.UTF8.GetBytes("event: " + type + "\ndata: ");
            var sse = new byte[eventName.Length + data.Length + 2];
            eventName.CopyTo(sse, 0);
            data.CopyTo(sse, eventName.Length);
            sse[sse.Length - 2] = (byte)'\n';
            sse[sse.Length - 1] = (byte)'\n';
            return sse;
        }

        private static string? TypeOf(byte[] json)
        {
            try
            {
                var reader = new Utf8JsonReader(json);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    bool isType = reader.ValueTextEquals("type"u8);
                    reader.Read();
                    if (isType && reader.TokenType == JsonTokenType.String)
                    {
                        string type = reader.GetString()!;
                        foreach (char c in type)
                        {
                            if (c is '\n' or '\r') return null;
                        }

                        return type;
                    }

                    reader.Skip();
                }
            }
            catch (JsonException)
            {
            }

            return null;
        }

        private static string MessageOf(ReadOnlySpan<byte> payload)
        {
            try
            {
                var reader = new Utf8JsonReader(payload);
                if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        bool isMessage = reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("Message"u8);
                        reader.Read();
                        if (isMessage && reader.TokenType == JsonTokenType.String) return reader.GetString()!;
                        reader.Skip();
                    }
                }
            }
            catch (JsonException)
            {
            }

            return Encoding.UTF8.GetString(payload.ToArray());
        }

        // An Anthropic-shaped error event, which the Messages decoder turns into a provider error.
        private static byte[] ErrorEvent(string type, string message)
        {
            using var buffer = new MemoryStream();
            var head = "event: error\ndata: "u8;
            buffer.Write(head.ToArray(), 0, head.Length);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("type", "error");
                writer.WriteStartObject("error");
                writer.WriteString("type", type);
                writer.WriteString("message", message);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            buffer.WriteByte((byte)'\n');
            buffer.WriteByte((byte)'\n');
            return buffer.ToArray();
        }

        private SseFormatException Broken(string problem) =>
            new SseFormatException("The AWS event stream is malformed at byte " + _consumed.ToString(CultureInfo.InvariantCulture) + ": " + problem + ".", _consumed, 0);

        private static uint ReadUInt32(byte[] data, int offset) =>
            ((uint)data[offset] << 24) | ((uint)data[offset + 1] << 16) | ((uint)data[offset + 2] << 8) | data[offset + 3];

        private struct Frame
        {
            public string? MessageType;
            public string? EventType;
            public string? ExceptionType;
            public string? ErrorCode;
            public string? ErrorMessage;
        }
    }
}
