using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using StructGen.Streaming.Generated;
using Xunit;

namespace StructGen.Tests.Engine
{
    public class ParserTextTests
    {
        [Theory]
        [InlineData(1)]
        [InlineData(7)]
        [InlineData(300)]
        [InlineData(5000)]
        public void Every_range_reads_back_what_was_appended(int maxDelta)
        {
            // Deltas of 1..maxDelta characters to ~40,000 (blocks 16, 16, 32 ... 4,096, then 4,096 each), and with the
            // longer deltas to ~60,000, past 49,152 where the block table grows; after each delta a few ranges are read,
            // including empty ones at the very end (a block boundary when the length is 16, 32 ... 8,192, 12,288) and
            // ranges crossing several blocks.
            var random = new Random(19 + maxDelta);
            var text = new ParserText();
            var expected = new StringBuilder();
            int target = maxDelta >= 300 ? 60_000 : 40_000;
            while (expected.Length < target)
            {
                var delta = new char[random.Next(1, maxDelta + 1)];
                for (int i = 0; i < delta.Length; i++) delta[i] = random.Next(40) == 0 ? '\\' : (char)('a' + random.Next(26));
                text.Append(delta);
                expected.Append(delta);
                Assert.Equal(expected.Length, text.Length);

                string all = expected.ToString();
                for (int probe = 0; probe < 4; probe++)
                {
                    int start = probe == 0 ? all.Length : random.Next(all.Length + 1);
                    int end = probe == 1 ? all.Length : random.Next(start, all.Length + 1);
                    string range = all.Substring(start, end - start);
                    var copy = new char[range.Length];
                    text.CopyTo(start, end, copy);
                    Assert.Equal(range, new string(copy));
                    Assert.Equal(range.IndexOf('\\') >= 0, text.HasEscape(start, end));
                    Assert.Equal(end == start || BlockOf(start) == BlockOf(end - 1), text.TryGetSpan(start, end, out var span));
                    if (end > start && BlockOf(start) == BlockOf(end - 1)) Assert.Equal(range, span.ToString());
                }
            }

            Assert.Equal(expected.ToString(), text.ToString());
        }

        // The documented schedule, counted out: blocks of 16, 16, 32, 64 ... 4,096, then 4,096 each.
        private static int BlockOf(int position)
        {
            int index = 0;
            for (int start = 0, size = 16; ; index++)
            {
                if (position < start + size) return index;
                start += size;
                size = Math.Min(4096, start);
            }
        }

        [Fact]
        public void A_range_inside_one_block_is_read_without_a_copy()
        {
            var text = new ParserText();
            text.Append(new string('x', 8192 + 100).AsSpan());
            Assert.True(text.TryGetSpan(4096, 8192, out var span)); // the whole 4,096-character block 9
            Assert.Equal(4096, span.Length);
            Assert.True(text.TryGetSpan(8192, 8292, out span)); // the start of block 10
            Assert.Equal(100, span.Length);
            Assert.False(text.TryGetSpan(8000, 8200, out _)); // across blocks 9 and 10
            Assert.False(text.TryGetSpan(15, 17, out _)); // across blocks 0 and 1
        }

        [Fact]
        public void Escaped_content_across_many_blocks_unescapes_to_what_System_Text_Json_reads()
        {
            // ~60,000 characters of content with every kind of escape, appended in random deltas, so escapes straddle
            // block boundaries (16, 32 ... 8,192, then every 4,096). Every prefix that ends between escapes decodes to
            // System.Text.Json's reading of it, and its counted length is that string's length.
            var random = new Random(61);
            string[] pieces = { "plain text ", "\\n", "\\\"", "\\\\", "\\/", "\\t", "\\u00e9", "\\ud83d\\ude00", "x", "日本" };
            var raw = new StringBuilder();
            var boundaries = new List<int>();
            while (raw.Length < 60_000)
            {
                raw.Append(pieces[random.Next(pieces.Length)]);
                boundaries.Add(raw.Length);
            }

            string content = raw.ToString();
            var text = new ParserText();
            string prefix = "{\"s\":\"";
            text.Append(prefix.AsSpan());
            for (int at = 0; at < content.Length;)
            {
                int size = Math.Min(random.Next(1, 40), content.Length - at);
                text.Append(content.AsSpan(at, size));
                at += size;
            }

            foreach (int end in new[] { boundaries[0], boundaries[boundaries.Count / 3], boundaries[boundaries.Count / 2], content.Length })
            {
                string expected = JsonSerializer.Deserialize<string>("\"" + content.Substring(0, end) + "\"")!;
                Assert.Equal(expected.Length, text.UnescapedLength(prefix.Length, prefix.Length + end));
                Assert.Equal(expected, text.Unescape(prefix.Length, prefix.Length + end));
            }
        }

        [Theory]
        [InlineData("plain", "plain")]
        [InlineData("caf\\u00e9 \\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t", "café \"q\" \\ / \b\f\n\r\t")]
        [InlineData("\\ud83d\\ude00 x", "\U0001F600 x")]
        public void Unescape_decodes_the_content_in_place(string content, string expected)
        {
            // Placed across the first block boundaries so the escapes straddle blocks.
            var text = new ParserText();
            string prefix = new string('-', 13);
            text.Append((prefix + content + "\"").AsSpan());
            Assert.Equal(expected, text.Unescape(prefix.Length, prefix.Length + content.Length));
            Assert.Equal(string.Empty, text.Unescape(3, 3));
        }
    }
}
