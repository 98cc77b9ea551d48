using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using StructGen.Streaming;
using StructGen.Streaming.Generated;
using StructGen.Tests.Support;
using Xunit;

namespace StructGen.Tests.Engine
{
    public class JsonStreamTokenizerTests
    {
        /// <summary>
        /// Records tokens as text, merging string chunks so splits can be compared. Given the input, it
        /// also checks each chunk's source offsets: the input from the string's content start to the
        /// chunk's source end, unescaped, is the string so far (what a parser that keeps its text reads).
        /// </summary>
        private sealed class Recorder : IJsonTokenSink
        {
            private readonly StringBuilder _log = new StringBuilder();
            private readonly string? _input;
            private StringBuilder? _string;
            private long _contentStart;

            public Recorder(string? input = null) => _input = input;

            public List<string> Chunks { get; } = new List<string>();

            public string Log => _log.ToString();

            public void OnStartObject() => _log.Append('{');
            public void OnEndObject() => _log.Append('}');
            public void OnStartArray() => _log.Append('[');
            public void OnEndArray() => _log.Append(']');
            public void OnPropertyName(ReadOnlySpan<char> name) => _log.Append("N(").Append(name.ToString()).Append(')');
            public void OnStringStart(long contentStart)
            {
                _string = new StringBuilder();
                _contentStart = contentStart;
                if (_input is not null) Assert.Equal('"', _input[(int)contentStart - 1]);
            }

            public void OnStringChunk(ReadOnlySpan<char> chunk, long sourceEnd)
            {
                Assert.False(chunk.IsEmpty);
                Chunks.Add(chunk.ToString());
                _string!.Append(chunk.ToString());
                if (_input is null) return;
                var source = _input.AsSpan((int)_contentStart, (int)(sourceEnd - _contentStart));
                var decoded = new char[source.Length];
                int written = JsonUnescape.Decode(source, decoded);
                Assert.Equal(_string.ToString(), new string(decoded, 0, written));
            }

            public void OnStringEnd() => _log.Append("S(").Append(_string).Append(')');
            public void OnNumber(ReadOnlySpan<char> text) => _log.Append("#(").Append(text.ToString()).Append(')');
            public void OnLiteral(JsonLiteral literal) => _log.Append(literal);
        }

        private const string Tricky = "{\"k\\u00e9y\" : [\"caf\\u00e9 \\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t\", \"\\ud83d\\ude00 😀 日本\", -0.5e+10, 0, 12, true, false, null, {}, []] , \"n\":-1E-2}";
        private const string TrickyLog = "{N(kéy)[S(café \"q\" \\ / \b\f\n\r\t)S(😀 😀 日本)#(-0.5e+10)#(0)#(12)TrueFalseNull{}[]]N(n)#(-1E-2)}";

        [Fact]
        public void Whole_document_produces_the_expected_tokens()
        {
            Assert.Equal(TrickyLog, Tokenize(new[] { Tricky }));
        }

        [Fact]
        public void Every_split_point_gives_the_same_tokens()
        {
            for (int i = 0; i <= Tricky.Length; i++)
            {
                Assert.Equal(TrickyLog, Tokenize(Splits.At(Tricky, i)));
            }
        }

        [Fact]
        public void One_character_at_a_time_gives_the_same_tokens_and_no_lone_surrogates()
        {
            var recorder = new Recorder(Tricky);
            var tokenizer = new JsonStreamTokenizer(recorder);
            foreach (var piece in Splits.PerCharacter(Tricky)) tokenizer.Append(piece.AsSpan());
            tokenizer.Complete();
            Assert.Equal(TrickyLog, recorder.Log);
            foreach (var chunk in recorder.Chunks)
            {
                Assert.False(char.IsHighSurrogate(chunk[^1]), "a chunk ended in a high surrogate: the visible prefix would be invalid UTF-16");
            }
        }

        [Fact]
        public void Resting_after_every_character_gives_the_same_tokens_and_keeps_the_buffer_only_inside_a_token()
        {
            // A second tokenizer on the same thread rests and works in between, so the first takes back a buffer the
            // second used: each must see only its own token's characters. A long name grows a buffer past the spare.
            string longName = "{\"" + new string('n', 100) + "\":1}";
            var mine = new Recorder(Tricky);
            var other = new Recorder(longName);
            var tokenizer = new JsonStreamTokenizer(mine);
            var interloper = new JsonStreamTokenizer(other);
            var pieces = Splits.PerCharacter(Tricky).ToArray();
            int heldInside = 0;
            for (int i = 0; i < pieces.Length; i++)
            {
                tokenizer.Append(pieces[i].AsSpan());
                tokenizer.Rest();
                // Outside a name or number nothing is held; inside one the characters so far are (none yet right after
                // a name's opening quote).
                bool insideToken = InsideNameOrNumber(Tricky, pieces.Take(i + 1).Sum(p => p.Length));
                if (!insideToken) Assert.False(tokenizer.HoldsTokenBuffer, "a buffer held after " + (i + 1) + " pieces");
                else if (tokenizer.HoldsTokenBuffer) heldInside++;
                if (i < longName.Length)
                {
                    interloper.Append(longName.AsSpan(i, 1));
                    interloper.Rest();
                }
            }

            tokenizer.Complete();
            interloper.Complete();
            Assert.Equal(TrickyLog, mine.Log);
            Assert.Equal("{N(" + new string('n', 100) + ")#(1)}", other.Log);
            Assert.True(heldInside >= 10, heldInside + " rests inside a token kept its characters");
        }

        // Whether the first `length` characters of `json` end inside a property name or a number (not in a string value).
        private static bool InsideNameOrNumber(string json, int length)
        {
            bool inString = false, escaped = false, isName = false, inNumber = false;
            char lastStructural = '\0';
            for (int i = 0; i < length; i++)
            {
                char c = json[i];
                if (inString)
                {
                    if (escaped) escaped = false;
                    else if (c == '\\') escaped = true;
                    else if (c == '"') inString = false;
                    continue;
                }

                if (inNumber && !(char.IsDigit(c) || c is '.' or 'e' or 'E' or '+' or '-')) inNumber = false;
                if (c == '"')
                {
                    inString = true;
                    isName = lastStructural is '{' or ',' && !InArray(json, i);
                }
                else if (!inNumber && (char.IsDigit(c) || c == '-'))
                {
                    inNumber = true;
                }

                if (c is '{' or '[' or ',' or ':') lastStructural = c;
            }

            return (inString && isName) || inNumber;
        }

        // Whether position `at` of `json` is directly inside an array (counted outside strings).
        private static bool InArray(string json, int at)
        {
            var open = new Stack<char>();
            bool inString = false, escaped = false;
            for (int i = 0; i < at; i++)
            {
                char c = json[i];
                if (inString)
                {
                    if (escaped) escaped = false;
                    else if (c == '\\') escaped = true;
                    else if (c == '"') inString = false;
                }
                else if (c == '"') inString = true;
                else if (c is '{' or '[') open.Push(c);
                else if (c is '}' or ']') open.Pop();
            }

            return open.Count > 0 && open.Peek() == '[';
        }

        [Fact]
        public void Utf8_bytes_split_inside_multibyte_characters_give_the_same_tokens()
        {
            var bytes = Encoding.UTF8.GetBytes(Tricky);
            for (int i = 0; i <= bytes.Length; i++)
            {
                var recorder = new Recorder(Tricky);
                var tokenizer = new JsonStreamTokenizer(recorder);
                tokenizer.Append(bytes.AsSpan(0, i));
                tokenizer.Append(bytes.AsSpan(i));
                tokenizer.Complete();
                Assert.Equal(TrickyLog, recorder.Log);
            }
        }

        [Fact]
        public void Top_level_number_is_flushed_only_at_the_end()
        {
            var recorder = new Recorder();
            var tokenizer = new JsonStreamTokenizer(recorder);
            tokenizer.Append("195".AsSpan());
            Assert.Equal(string.Empty, recorder.Log);
            tokenizer.Append("4".AsSpan());
            tokenizer.Complete();
            Assert.Equal("#(1954)", recorder.Log);
        }

        [Theory]
        [InlineData("[tr", "ue]", "[trux]", "'true'", "'x' after 'tru'")]
        [InlineData("[f", "alse]", "[fals3]", "'false'", "'3' after 'fals'")]
        [InlineData("[n", "ull]", "[nil]", "'null'", "'i' after 'n'")]
        public void Literals_split_across_deltas_read_and_a_misspelt_one_says_which(string head, string tail, string bad, string expected, string actual)
        {
            var recorder = new Recorder();
            var tokenizer = new JsonStreamTokenizer(recorder);
            tokenizer.Append(head.AsSpan());
            tokenizer.Append(tail.AsSpan());
            tokenizer.Complete();
            string word = expected.Trim('\'');
            Assert.Equal("[" + char.ToUpperInvariant(word[0]) + word.Substring(1) + "]", recorder.Log); // the sink logs the JsonLiteral's name

            var ex = Assert.Throws<StructuredOutputException>(() => new JsonStreamTokenizer(new Recorder()).Append(bad.AsSpan()));
            Assert.Equal(expected, ex.Expected);
            Assert.StartsWith(actual, ex.Actual, StringComparison.Ordinal);

            // Cut off inside the literal: the error names what is missing.
            var cut = new JsonStreamTokenizer(new Recorder());
            cut.Append(head.AsSpan());
            var truncated = Assert.Throws<StructuredOutputException>(() => cut.Complete());
            Assert.Equal(StructuredOutputErrorKind.Truncated, truncated.Kind);
        }

        [Theory]
        [InlineData("{\"a\":01}")]
        [InlineData("{\"a\":-}")]
        [InlineData("{\"a\":1.}")]
        [InlineData("{\"a\":1e}")]
        [InlineData("{\"a\":tru}")]
        [InlineData("{\"a\":\"\\x\"}")]
        [InlineData("{\"a\":\"\\u12G4\"}")]
        [InlineData("{\"a\":\"line\nbreak\"}")]
        [InlineData("{\"a\" 1}")]
        [InlineData("{\"a\":1,}")]
        [InlineData("[1,]")]
        [InlineData("{\"a\":1]")]
        [InlineData("[1}")]
        [InlineData("{a:1}")]
        [InlineData("{} {}")]
        [InlineData("{\"a\":1")]
        [InlineData("{\"a\":\"x")]
        [InlineData("   ")]
        public void Invalid_json_is_rejected_with_a_structured_error(string json)
        {
            var tokenizer = new JsonStreamTokenizer(new Recorder());
            var ex = Assert.Throws<StructuredOutputException>(() =>
            {
                tokenizer.Append(json.AsSpan());
                tokenizer.Complete();
            });
            Assert.True(ex.Kind is StructuredOutputErrorKind.InvalidJson or StructuredOutputErrorKind.Truncated);
            Assert.False(string.IsNullOrEmpty(ex.Expected));
            Assert.True(System.Text.Json.JsonDocument.Parse("0") is not null);
            Assert.ThrowsAny<System.Text.Json.JsonException>(() => System.Text.Json.JsonDocument.Parse(json));
        }

        [Fact]
        public void Nesting_beyond_the_limit_is_rejected()
        {
            var tokenizer = new JsonStreamTokenizer(new Recorder(), maxDepth: 8);
            var ex = Assert.Throws<StructuredOutputException>(() => tokenizer.Append(new string('[', 9).AsSpan()));
            Assert.Contains("8", ex.Expected);
        }

        [Theory]
        [InlineData(63)]
        [InlineData(64)]
        [InlineData(65)]
        [InlineData(200)]
        [InlineData(256)]
        public void Deep_mixed_nesting_keeps_each_level_s_kind(int depth)
        {
            // Levels past 64 spill out of the container stack's inline word: every level must still close with its own kind.
            static bool IsObject(int level) => level * 7 % 3 == 0;
            var open = new StringBuilder();
            var close = new StringBuilder();
            for (int level = 0; level < depth; level++) open.Append(IsObject(level) ? "{\"a\":" : "[");
            for (int level = depth - 1; level >= 0; level--) close.Append(IsObject(level) ? '}' : ']');
            string json = open + "1" + close;

            var recorder = new Recorder();
            var tokenizer = new JsonStreamTokenizer(recorder);
            foreach (char c in json) tokenizer.Append(c.ToString().AsSpan());
            tokenizer.Complete();
            Assert.True(tokenizer.IsDocumentComplete);
            Assert.Equal(json.Replace("\"a\":", "N(a)").Replace("1", "#(1)"), recorder.Log);

            // The wrong closer at the deepest level, at level 64 and at the outermost one is an error naming the right one.
            foreach (int wrongAt in new[] { depth - 1, Math.Min(64, depth - 1), 0 })
            {
                var bad = new StringBuilder(open + "1");
                for (int level = depth - 1; level >= 0; level--)
                {
                    bool isObject = IsObject(level) != (level == wrongAt);
                    bad.Append(isObject ? '}' : ']');
                }

                var ex = Assert.Throws<StructuredOutputException>(() => new JsonStreamTokenizer(new Recorder()).Append(bad.ToString().AsSpan()));
                Assert.Equal(IsObject(wrongAt) ? "'}'" : "']'", ex.Expected);
            }
        }

        [Fact]
        public void Names_and_numbers_longer_than_the_first_buffer_arrive_whole_from_any_split()
        {
            // The name/number buffer starts at 16 characters and grows: a longer name or number split anywhere must arrive whole.
            string name = "a_property_name_of_forty_characters_long";
            string number = "-1234567890123.4567890123e+12";
            string json = "{\"" + name + "\":" + number + ",\"b\":0.30000000000000004}";
            string expected = "{N(" + name + ")#(" + number + ")N(b)#(0.30000000000000004)}";
            for (int size = 1; size <= 20; size++)
            {
                var pieces = new List<string>();
                for (int at = 0; at < json.Length; at += size) pieces.Add(json.Substring(at, Math.Min(size, json.Length - at)));
                Assert.Equal(expected, Tokenize(pieces));
            }
        }

        [Fact]
        public void Invalid_utf8_is_rejected()
        {
            var tokenizer = new JsonStreamTokenizer(new Recorder());
            var ex = Assert.Throws<StructuredOutputException>(() => tokenizer.Append(new byte[] { (byte)'"', 0xC3, 0x28 }));
            Assert.Equal(StructuredOutputErrorKind.InvalidJson, ex.Kind);
        }

        private static string Tokenize(IEnumerable<string> pieces)
        {
            var list = new List<string>(pieces);
            var recorder = new Recorder(string.Concat(list));
            var tokenizer = new JsonStreamTokenizer(recorder);
            foreach (var piece in list) tokenizer.Append(piece.AsSpan());
            tokenizer.Complete();
            return recorder.Log;
        }
    }
}
