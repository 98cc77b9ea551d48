using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using StructGen.Streaming;
using StructGen.Tests.EndToEnd;
using Xunit;

namespace StructGen.Tests.Engine
{
    /// <summary>
    /// A batching publication policy applies several deltas and publishes once: the parser keeps the applied text
    /// and reads it when asked for changes, a partial or the value. What it shows must not depend on that.
    /// </summary>
    public class BatchedApplyTests
    {
        private const string Json =
            "```json\n{\"title\":\"Caf\\u00e9 \\ud83d\\ude00 line\\none\",\"author\":{\"name\":\"J.R.R. Tolkien\",\"nationality\":\"British\"}," +
            "\"genres\":[\"fantasy\",\"\",\"adventure\"],\"published_year\":1954}\n```";

        [Theory]
        [InlineData(1, 1)]
        [InlineData(3, 8)]
        [InlineData(7, 5)]
        [InlineData(40, 3)]
        [InlineData(1000, 2)]
        public void A_batch_shows_what_the_same_deltas_appended_one_by_one_show(int maxDelta, int batch)
        {
            var random = new Random(maxDelta * 31 + batch);
            var deltas = new List<string>();
            for (int at = 0; at < Json.Length;)
            {
                int size = Math.Min(random.Next(1, maxDelta + 1), Json.Length - at);
                deltas.Add(Json.Substring(at, size));
                at += size;
            }

            var oneByOne = Book.StructuredOutput.CreateParser();
            var batched = Book.StructuredOutput.CreateParser();
            for (int i = 0; i < deltas.Count; i++)
            {
                oneByOne.Append(deltas[i]);
                batched.Apply(deltas[i].AsSpan());
                if ((i + 1) % batch != 0) continue;

                // After each batch both parsers have read the same text: the published partials read the same.
                bool changed = batched.HasPendingChanges;
                Assert.Equal(changed, batched.PublishPending());
                Assert.Equal(Show(oneByOne.Current), Show(batched.Current));
                Assert.Equal(oneByOne.IsDocumentComplete, batched.IsDocumentComplete);
            }

            Assert.Equal(JsonSerializer.Serialize(oneByOne.Complete()), JsonSerializer.Serialize(batched.Complete()));
            Assert.Equal(Show(oneByOne.Current), Show(batched.Current));
            Assert.Equal(Json, batched.Text);
        }

        [Fact]
        public void An_error_in_applied_text_is_thrown_when_the_text_is_read()
        {
            var parser = Book.StructuredOutput.CreateParser();
            parser.Apply("{\"title\":\"ok\",".AsSpan());
            parser.Apply("\"author\": tru".AsSpan()); // not an object, and not even a literal
            parser.Apply("e, \"genres\":[]".AsSpan());

            var ex = Assert.Throws<StructuredOutputException>(() => parser.PublishPending());
            Assert.Equal(StructuredOutputErrorKind.WrongType, ex.Kind);
            Assert.Equal("$.author", ex.Path);
            Assert.Equal("{\"title\":\"ok\",\"author\": true, \"genres\":[]", ex.RawText);

            // Faulted: nothing more is read, and the next delta says why.
            Assert.False(parser.HasPendingChanges);
            Assert.False(parser.PublishPending());
            var again = Assert.Throws<InvalidOperationException>(() => parser.Apply("}".AsSpan()));
            Assert.Same(ex, again.InnerException);
        }

        [Fact]
        public void Changes_are_pending_once_applied_text_shows_something()
        {
            var parser = Book.StructuredOutput.CreateParser();
            parser.Apply("   ".AsSpan());
            Assert.False(parser.HasPendingChanges);
            parser.Apply("{\"title\":\"D".AsSpan());
            Assert.True(parser.HasPendingChanges);
            Assert.True(parser.PublishPending());
            Assert.Equal("D", parser.Current!.Title);
            Assert.False(parser.HasPendingChanges);
        }

        // A partial as text, reading every member (the comparison must not depend on object identity).
        private static string Show(BookPartial? partial) => partial is null
            ? "null"
            : JsonSerializer.Serialize(new object?[]
            {
                partial.State.ToString(), partial.Title, partial.TitleState.ToString(),
                partial.Author?.Name, partial.Author?.Nationality, partial.Author?.State.ToString(),
                partial.Genres is null ? null : string.Join("|", partial.Genres.Select(g => g ?? "null")), partial.GenresState.ToString(),
                partial.PublishedYear, partial.PublishedYearState.ToString(),
            });
    }
}
