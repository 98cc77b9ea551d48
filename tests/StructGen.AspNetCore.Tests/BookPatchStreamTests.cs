using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using StructGen.AspNetCore.Tests.Support;
using StructGen.Streaming;
using StructGen.Tests.EndToEnd;
using BookCassettes = StructGen.Tests.EndToEnd.Cassettes;
using Xunit;
using Xunit.Abstractions;

namespace StructGen.AspNetCore.Tests
{
    public class BookPatchStreamTests
    {
        private readonly ITestOutputHelper _output;

        public BookPatchStreamTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task Patches_of_the_recorded_Book_reproduce_every_published_partial_and_the_final_value()
        {
            // The partials the stream publishes when read directly, from the same recording.
            var (client, _) = BookCassettes.Client(TestApp.BookCassette, "o4-mini", d => d.MaxCompletionTokens = 4000);
            var direct = client.GenerateBookStreamAsync(TestApp.BookPrompt);
            var partials = new List<SortedDictionary<string, (string?, FieldState)>>();
            await foreach (var partial in direct) partials.Add(PartialLeaves.Of(partial));
            var finalLeaves = PartialLeaves.Of(direct.Parser.Current!);

            await using var app = await TestApp.StartAsync();
            using var http = new HttpClient { BaseAddress = app.Address };
            var capture = await SseCapture.GetAsync(http, "/book");

            Assert.Equal("text/event-stream", capture.ContentType);
            var patches = capture.Events.Where(e => e.EventType == "message").ToList();
            Assert.Equal(capture.Events.Count - 1, patches.Count);
            Assert.Equal("done", capture.Events[^1].EventType);
            // One event per published partial, plus one when the end of the text completes the last number.
            Assert.InRange(patches.Count, partials.Count, partials.Count + 1);

            var applier = new PatchApplier();
            for (int i = 0; i < patches.Count; i++)
            {
                applier.Apply(patches[i].Data);
                var expected = i < partials.Count ? partials[i] : finalLeaves;
                Assert.True(expected.SequenceEqual(applier.Leaves()), $"after patch event {i + 1} ({patches[i].Data}):\nexpected {Show(expected)}\nbut got  {Show(applier.Leaves())}");
            }

            Assert.All(applier.Leaves(), leaf => Assert.Equal(FieldState.Complete, leaf.Value.State));
            var expectedJson = JsonSerializer.Serialize(direct.Result.Value, TestApp.BookTypeInfo);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expectedJson), applier.Value), "patched: " + applier.Value!.ToJsonString());
            var done = JsonNode.Parse(capture.Events[^1].Data)!;
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expectedJson), done["value"]), "done: " + capture.Events[^1].Data);

            // Only the first event carries an id: a reconnecting browser sends it back as Last-Event-ID.
            Assert.False(string.IsNullOrEmpty(capture.Events[0].EventId));
            Assert.All(capture.Events.Skip(1), e => Assert.Null(e.EventId));
            Assert.Equal(1, app.ModelCalls);

            var document = Encoding.UTF8.GetByteCount(direct.StructuredText);
            _output.WriteLine($"Book: document {document} B, {patches.Count} patch events, {capture.Bytes} B on the wire ({(double)capture.Bytes / document:F2}x):");
            _output.WriteLine(capture.Text);
        }

        [Fact]
        public async Task Without_a_type_info_the_done_event_carries_no_value_and_the_patched_object_is_the_value()
        {
            await using var app = await TestApp.StartAsync();
            using var http = new HttpClient { BaseAddress = app.Address };
            var capture = await SseCapture.GetAsync(http, "/book-untyped");

            var applier = new PatchApplier();
            foreach (var e in capture.Events.Where(e => e.EventType == "message")) applier.Apply(e.Data);
            Assert.Equal("done", capture.Events[^1].EventType);
            Assert.Equal("{}", capture.Events[^1].Data);
            Assert.Equal("The Lord of the Rings", applier.Value!["title"]!.GetValue<string>());
            Assert.Equal(1954, applier.Value!["published_year"]!.GetValue<int>());
            Assert.Equal("[\"fantasy\",\"adventure\"]", applier.Value!["genres"]!.ToJsonString());
        }

        [Fact]
        public async Task An_invalid_document_ends_with_an_error_event_naming_the_JSON_path()
        {
            await using var app = await TestApp.StartAsync();
            app.StubUpstream = new FixedUpstream(Upstream.Body("{\"title\":\"Dune\",\"author\":{\"name\":42,\"nationality\":\"US\"}}", 5));
            using var http = new HttpClient { BaseAddress = app.Address };
            var capture = await SseCapture.GetAsync(http, "/stub/book");

            var error = capture.Events[^1];
            Assert.Equal("error", error.EventType);
            var data = JsonNode.Parse(error.Data)!;
            Assert.Equal("WrongType", data["kind"]!.GetValue<string>());
            Assert.Equal("$.author.name", data["path"]!.GetValue<string>());
            Assert.Contains("expected a string", data["message"]!.GetValue<string>(), StringComparison.Ordinal);

            // What arrived before the error was still sent: the title is complete.
            var applier = new PatchApplier();
            foreach (var e in capture.Events.Where(e => e.EventType == "message")) applier.Apply(e.Data);
            Assert.Equal("Dune", applier.Value!["title"]!.GetValue<string>());
            Assert.Equal(FieldState.Complete, applier.Leaves()["$.title"].State);
        }

        [Fact]
        public async Task A_truncated_stream_ends_with_an_error_event()
        {
            await using var app = await TestApp.StartAsync();
            app.StubUpstream = new FixedUpstream(Upstream.Body("{\"title\":\"Du", 4));
            using var http = new HttpClient { BaseAddress = app.Address };
            var capture = await SseCapture.GetAsync(http, "/stub/book");

            var data = JsonNode.Parse(capture.Events[^1].Data)!;
            Assert.Equal("error", capture.Events[^1].EventType);
            Assert.Equal("Truncated", data["kind"]!.GetValue<string>());
        }

        private static string Show(SortedDictionary<string, (string? Json, FieldState State)> leaves) =>
            string.Join(", ", leaves.Select(l => l.Key + "=" + (l.Value.Json ?? "{}") + "/" + l.Value.State));
    }
}
