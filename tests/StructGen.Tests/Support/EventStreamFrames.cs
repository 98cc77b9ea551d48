using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace StructGen.Tests.Support
{
    /// <summary>
    /// A tiny encoder of AWS event-stream frames (the body of Amazon Bedrock's <c>invoke-with-response-stream</c>),
    /// written from the format description: total length, headers length, prelude CRC32, headers, payload, message CRC32.
    /// </summary>
    internal static class EventStreamFrames
    {
        /// <summary>A Bedrock <c>chunk</c> event carrying one Anthropic stream event (base64 in <c>bytes</c>, padding in <c>p</c>).</summary>
        public static byte[] Chunk(string anthropicEventJson, string padding = "abcdefgh")
        {
            string payload = "{\"bytes\":\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes(anthropicEventJson)) + "\",\"p\":\"" + padding + "\"}";
            return Frame(
                new[] { (":event-type", "chunk"), (":content-type", "application/json"), (":message-type", "event") },
                Encoding.UTF8.GetBytes(payload));
        }

        /// <summary>An exception frame, e.g. <c>throttlingException</c>, with a JSON <c>message</c>.</summary>
        public static byte[] Exception(string exceptionType, string message) =>
            Frame(
                new[] { (":exception-type", exceptionType), (":content-type", "application/json"), (":message-type", "exception") },
                Encoding.UTF8.GetBytes("{\"message\":\"" + message + "\"}"));

        /// <summary>A frame with string headers (type 7) and, before them, <paramref name="extraHeaders"/> raw bytes (other header types).</summary>
        public static byte[] Frame(IEnumerable<(string Name, string Value)> headers, byte[] payload, byte[]? extraHeaders = null)
        {
            var head = new MemoryStream();
            if (extraHeaders is not null) head.Write(extraHeaders, 0, extraHeaders.Length);
            foreach (var (name, value) in headers)
            {
                byte[] n = Encoding.UTF8.GetBytes(name);
                byte[] v = Encoding.UTF8.GetBytes(value);
                head.WriteByte((byte)n.Length);
                head.Write(n, 0, n.Length);
                head.WriteByte(7);
                head.WriteByte((byte)(v.Length >> 8));
                head.WriteByte((byte)v.Length);
                head.Write(v, 0, v.Length);
            }

            byte[] headerBytes = head.ToArray();
            int total = 12 + headerBytes.Length + payload.Length + 4;
            var frame = new byte[total];
            WriteUInt32(frame, 0, (uint)total);
            WriteUInt32(frame, 4, (uint)headerBytes.Length);
            WriteUInt32(frame, 8, Crc32(frame, 0, 8));
            headerBytes.CopyTo(frame, 12);
            payload.CopyTo(frame, 12 + headerBytes.Length);
            WriteUInt32(frame, total - 4, Crc32(frame, 0, total - 4));
            return frame;
        }

        /// <summary>Concatenates frames into one body.</summary>
        public static byte[] Body(params byte[][] frames)
        {
            var body = new MemoryStream();
            foreach (byte[] frame in frames) body.Write(frame, 0, frame.Length);
            return body.ToArray();
        }

        /// <summary>
        /// Reads a recorded event-stream body the simple way, for reference readings in tests: per frame, its string headers
        /// and payload (CRCs are checked; other header types are skipped by their sizes).
        /// </summary>
        public static List<(Dictionary<string, string> Headers, byte[] Payload)> Decode(byte[] body)
        {
            var frames = new List<(Dictionary<string, string>, byte[])>();
            int at = 0;
            while (at < body.Length)
            {
                int total = (int)ReadUInt32(body, at);
                int headersLength = (int)ReadUInt32(body, at + 4);
                if (Crc32(body, at, 8) != ReadUInt32(body, at + 8) || Crc32(body, at, total - 4) != ReadUInt32(body, at + total - 4))
                {
                    throw new InvalidDataException("bad CRC in the frame at byte " + at);
                }

                var headers = new Dictionary<string, string>(StringComparer.Ordinal);
                int h = at + 12;
                while (h < at + 12 + headersLength)
                {
                    string name = Encoding.UTF8.GetString(body, h + 1, body[h]);
                    h += 1 + body[h];
                    byte type = body[h++];
                    int size = type switch { 0 or 1 => 0, 2 => 1, 3 => 2, 4 => 4, 5 or 8 => 8, 9 => 16, 6 or 7 => 2 + ((body[h] << 8) | body[h + 1]), _ => throw new InvalidDataException("header type " + type) };
                    if (type == 7) headers[name] = Encoding.UTF8.GetString(body, h + 2, size - 2);
                    h += size;
                }

                frames.Add((headers, body.AsSpan(at + 12 + headersLength, total - 16 - headersLength).ToArray()));
                at += total;
            }

            return frames;
        }

        private static uint ReadUInt32(byte[] data, int offset) =>
            ((uint)data[offset] << 24) | ((uint)data[offset + 1] << 16) | ((uint)data[offset + 2] << 8) | data[offset + 3];

        /// <summary>CRC-32 (IEEE, reflected, as zlib computes it).</summary>
        public static uint Crc32(byte[] data, int offset, int count)
        {
            uint crc = 0xFFFFFFFF;
            for (int i = offset; i < offset + count; i++)
            {
                crc ^= data[i];
                for (int bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }

            return ~crc;
        }

        private static void WriteUInt32(byte[] target, int offset, uint value)
        {
            target[offset] = (byte)(value >> 24);
            target[offset + 1] = (byte)(value >> 16);
            target[offset + 2] = (byte)(value >> 8);
            target[offset + 3] = (byte)value;
        }
    }
}
