using System;
using System.Collections.Generic;
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

        private sealed class NullSink : IJsonTokenSink
        {
            public void OnStartObject() { }
            public void OnEndObject() { }
            public void OnStartArray() { }
            public void OnEndArray() { }
            public void OnPropertyName(ReadOnlySpan<char> name) { }
            public void OnStringStart(long contentStart) { }
            public void OnStringChunk(ReadOnlySpan<char> chunk, long sourceEnd) { }
            public void OnStringEnd() { }
            public void OnNumber(ReadOnlySpan<char> text) { }
            public void OnLiteral(JsonLiteral literal) { }
        }

        [Fact]
        public void Names_and_numbers_split_across_pieces_share_the_thread_s_buffer()
        {
            // Every name and number below is split across pieces of 3 characters. Between tokens a tokenizer holds
            // no buffer (a paused stream keeps none), so after the first document a thread's tokenizers allocate
            // nothing for them, however many there are.
            var json = new StringBuilder("[");
            for (int i = 0; i < 500; i++) json.Append(i == 0 ? "" : ",").Append("{\"a_long_property_name_").Append(i).Append("\":").Append(1_000_000 + i).Append('}');
            json.Append(']');
            string text = json.ToString();

            void Tokenize()
            {
                var tokenizer = new JsonStreamTokenizer(new NullSink());
                for (int at = 0; at < text.Length; at += 3) tokenizer.Append(text.AsSpan(at, Math.Min(3, text.Length - at)));
                tokenizer.Complete();
            }

            Tokenize();
            long before = GC.GetAllocatedBytesForCurrentThread();
            Tokenize();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < 400, "allocated " + allocated + " B for 500 names and 500 numbers (the tokenizer itself is ~130 B)");
        }

        [Fact]
        public void Tokenizers_paused_inside_names_and_numbers_on_one_thread_keep_their_own_characters()
        {
            // Two streams on one thread, each paused inside a name and later inside a number: each holds its buffer
            // while the other runs, so neither sees the other's characters.
            var first = new Recorder();
            var second = new Recorder();
            var a = new JsonStreamTokenizer(first);
            var b = new JsonStreamTokenizer(second);
            a.Append("{\"alp".AsSpan());
            b.Append("{\"bet".AsSpan());
            a.Append("ha\":12".AsSpan());
            b.Append("a\":-98".AsSpan());
            a.Append("34}".AsSpan());
            b.Append(".5}".AsSpan());
            a.Complete();
            b.Complete();
            Assert.Equal("{N(alpha)#(1234)}", first.Log);
            Assert.Equal("{N(beta)#(-98.5)}", second.Log);
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
