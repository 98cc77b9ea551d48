using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using StructGen.AspNetCore.Tests.Support;
using StructGen.Chat;
using StructGen.Streaming;
using StructGen.Tests.Corpus;
using StructGen.Tests.EndToEnd;
using Xunit;
using Xunit.Abstractions;
using Leaves = System.Collections.Generic.SortedDictionary<string, (string? Json, StructGen.Streaming.FieldState State)>;

namespace StructGen.AspNetCore.Tests
{
    /// <summary>
    /// The partial guarantee, end to end through the patch writer: each document is split at every
    /// point (two deltas) and at random points (a fixed seed), served by <see cref="StructuredStreamResult{T, TPartial}"/>,
    /// and its patch events applied by the shipped browser client; after every event the browser's
    /// object must equal the partial the stream published at that point (members, values and states)
    /// and at the end the validated value.
    /// </summary>
    public class SplitReplayTests
    {
        private const int Seed = 20261203;
        private const int RandomSplits = 8;

        // Union members before their discriminator (Gemini writes keys in its own order): held back, then replayed into the variant.
        private const string DrawingDiscriminatorLast = "drawing-discriminator-last";

        // Members the variant does not have, before the discriminator: held back, then dropped (as the partial drops them).
        private const string DrawingUnknownBeforeDiscriminator = "drawing-unknown-before-discriminator";

        private readonly ITestOutputHelper _output;

        public SplitReplayTests(ITestOutputHelper output) => _output = output;

        public static TheoryData<string> CorpusNames()
        {
            var data = new TheoryData<string>();
            // "initialized" renames a member with [JsonPropertyName]; the reflection flattening of partials
            // (PartialLeaves) only knows snake_case names, so it is left to the Book-shaped cases.
            foreach (var c in CorpusDocuments.All.Where(c => c.Name is not "initialized" and not "drawing")) data.Add(c.Name);
            return data;
        }

        [Fact]
        public async Task The_recorded_Book_split_at_every_point_reaches_the_browser_as_every_published_partial()
        {
            var (client, _) = StructGen.Tests.EndToEnd.Cassettes.Client(TestApp.BookCassette, "o4-mini", d => d.MaxCompletionTokens = 4000);
            var recorded = client.GenerateBookStreamAsync(TestApp.BookPrompt);
            await foreach (var _ in recorded)
            {
            }

            await CheckAsync(Book.StructuredOutput, recorded.StructuredText, TestApp.BookTypeInfo, null, checkSteps: true);
        }

        [Theory]
        [MemberData(nameof(CorpusNames))]
        public Task A_corpus_document_split_at_every_point_reaches_the_browser_as_every_published_partial(string name) => CorpusAsync(name, checkSteps: true);

        [Theory]
        [InlineData("drawing")]
        [InlineData(DrawingDiscriminatorLast)]
        [InlineData(DrawingUnknownBeforeDiscriminator)]
        public Task A_union_document_split_at_every_point_reaches_the_browser_as_every_published_partial(string name) => CorpusAsync(name, checkSteps: true);

        [Fact]
        public Task A_document_with_atomic_members_split_at_every_point_reaches_the_browser_as_every_published_partial()
        {
            const string json = "{\"title\":\"Moon landing\",\"body\":\"It happened.\",\"origin\":{\"name\":\"AP\",\"year\":1969},\"tags\":[\"space\",\"history\"]}";
            var options = new JsonSerializerOptions(CorpusDocuments.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
            return CheckAsync(StructGen.Tests.Contracts.Headline.StructuredOutput, json, Info<StructGen.Tests.Contracts.Headline>(options), options, checkSteps: true);
        }

        [Theory]
        // Members before the discriminator (one the variant lacks) inside atomic members, and after it.
        [InlineData("{\"cover\":{\"radius\":2,\"extra\":[1,{\"a\":\"b\"}],\"kind\":\"circle\"},\"shapes\":[{\"kind\":\"square\",\"side\":1,\"color\":\"red\"},{\"color\":\"blue\",\"side\":2,\"kind\":\"square\"}],\"main\":{\"radius\":3,\"kind\":\"circle\"}}")]
        [InlineData("{\"main\":{\"kind\":\"square\",\"color\":\"green\",\"side\":4},\"shapes\":[],\"cover\":{\"kind\":\"square\",\"color\":\"x\",\"note\":\"dropped\",\"side\":0.5}}")]
        public Task Atomic_unions_split_at_every_point_reach_the_browser_as_every_published_partial(string json)
        {
            var options = new JsonSerializerOptions(CorpusDocuments.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
            return CheckAsync(Gallery.StructuredOutput, json, Info<Gallery>(options), options, checkSteps: true);
        }

        private async Task CorpusAsync(string name, bool checkSteps)
        {
            var json = name switch
            {
                DrawingDiscriminatorLast => "{\"shapes\":[{\"radius\":1.25,\"kind\":\"circle\"},{\"side\":2,\"color\":\"red\",\"kind\":\"square\"}],\"main\":{\"color\":\"blue\",\"side\":3.5,\"kind\":\"square\"}}",
                DrawingUnknownBeforeDiscriminator => "{\"shapes\":[{\"note\":{\"a\":[1,\"x\"]},\"radius\":1.25,\"kind\":\"circle\"}],\"main\":{\"side\":3.5,\"odd name\":\"it's\",\"color\":\"blue\",\"kind\":\"square\",\"after\":true}}",
                _ => CorpusDocuments.All.Single(c => c.Name == name).Json,
            };
            var options = new JsonSerializerOptions(CorpusDocuments.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
            switch (name)
            {
                case "scalars": await CheckAsync(Scalars.StructuredOutput, json, Info<Scalars>(options), options, checkSteps); break;
                case "nullables-null":
                case "nullables-set": await CheckAsync(Nullables.StructuredOutput, json, Info<Nullables>(options), options, checkSteps); break;
                case "collections": await CheckAsync(Collections.StructuredOutput, json, Info<Collections>(options), options, checkSteps); break;
                case "formats": await CheckAsync(Formats.StructuredOutput, json, Info<Formats>(options), options, checkSteps); break;
                case "tree": await CheckAsync(Tree.StructuredOutput, json, Info<Tree>(options), options, checkSteps); break;
                case "drawing":
                case DrawingDiscriminatorLast:
                case DrawingUnknownBeforeDiscriminator: await CheckAsync(Drawing.StructuredOutput, json, Info<Drawing>(options), options, checkSteps); break;
                case "status": await CheckAsync(Status.StructuredOutput, json, Info<Status>(options), options, checkSteps); break;
                default: throw new InvalidOperationException($"no type for corpus case {name}: add it to the switch in {nameof(SplitReplayTests)}");
            }
        }

        private static JsonTypeInfo<T> Info<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));

        private async Task CheckAsync<T, TPartial>(StructuredOutputType<T, TPartial> type, string document, JsonTypeInfo<T> valueInfo, JsonSerializerOptions? leafOptions, bool checkSteps)
            where TPartial : class
        {
            var splits = Splits(document);
            var served = new List<Served>();
            foreach (var (label, pieces) in splits) served.Add(await ServeAsync(type, label, pieces, valueInfo, leafOptions));

            var browser = ShippedClient.Apply(served.Select(s => (IReadOnlyList<string>)s.Patches).ToList());
            _output.WriteLine($"{splits.Count} splits of {document.Length} characters (random seed {Seed}), applied by {ShippedClient.Engine}");
            for (int r = 0; r < served.Count; r++)
            {
                var run = served[r];
                var steps = browser[r];
                var where = $"split {run.Label} (random seed {Seed}) of {document}";
                Assert.True(run.Done is not null, $"{where}: the stream did not end with done: {run.Last}");
                // One event per published partial, plus one when the end of the text completes the last number.
                Assert.True(run.Patches.Count >= run.Partials.Count && run.Patches.Count <= run.Partials.Count + 1, $"{where}: {run.Patches.Count} patch events for {run.Partials.Count} partials");
                for (int i = 0; checkSteps && i < steps.Count; i++)
                {
                    var expected = i < run.Partials.Count ? run.Partials[i] : run.Final;
                    Assert.True(Same(expected, steps[i]), $"{where}, after patch event {i + 1} ({run.Patches[i]}):\nexpected {Show(expected)}\nbut got  {Show(steps[i])}");
                }

                var final = steps[^1];
                Assert.True(Same(run.Final, final), $"{where}, at the end:\nexpected {Show(run.Final)}\nbut got  {Show(final)}");
                Assert.All(final, leaf => Assert.Equal(FieldState.Complete, leaf.Value.State));
                // The validated value (the done event, with the schema's names) is what the browser assembled.
                var done = Flatten(run.Done!["value"]);
                Assert.True(Same(done, final, ignoreStates: true), $"{where}: the done value {run.Done.ToJsonString()} differs from the patched object {Show(final)}");
            }
        }

        private static List<(string Label, string[] Pieces)> Splits(string document)
        {
            var splits = new List<(string, string[])> { ("whole", new[] { document }) };
            for (int at = 1; at < document.Length; at++)
            {
                // Never inside a surrogate pair: a delta is text, not UTF-16 halves.
                if (char.IsLowSurrogate(document[at])) continue;
                splits.Add(($"at {at}", new[] { document.Substring(0, at), document.Substring(at) }));
            }

            var random = new Random(Seed);
            for (int n = 0; n < RandomSplits; n++)
            {
                var cuts = Enumerable.Range(0, random.Next(2, 12)).Select(_ => random.Next(1, document.Length))
                    .Where(c => !char.IsLowSurrogate(document[c])).Distinct().OrderBy(c => c).ToList();
                var pieces = new List<string>();
                int from = 0;
                foreach (var cut in cuts)
                {
                    pieces.Add(document.Substring(from, cut - from));
                    from = cut;
                }

                pieces.Add(document.Substring(from));
                splits.Add(($"random #{n} at {string.Join(",", cuts)}", pieces.ToArray()));
            }

            return splits;
        }

        private sealed record Served(string Label, List<Leaves> Partials, Leaves Final, List<string> Patches, JsonNode? Done, string Last);

        private static async Task<Served> ServeAsync<T, TPartial>(StructuredOutputType<T, TPartial> type, string label, string[] pieces, JsonTypeInfo<T> valueInfo, JsonSerializerOptions? leafOptions)
            where TPartial : class
        {
            var messages = new[] { ModelMessage.User("Write it.") };

            // The partials the stream publishes when read directly, from the same deltas.
            var direct = Stub(pieces).StreamStructuredAsync(type, messages);
            var partials = new List<Leaves>();
            await foreach (var partial in direct) partials.Add(PartialLeaves.Of(partial, leafOptions));
            var final = PartialLeaves.Of(direct.Parser.Current!, leafOptions);

            // The same deltas through the endpoint's result, without a server: the bytes it writes are the response.
            var result = new StructuredStreamResult<T, TPartial>(ct => Stub(pieces).StreamStructuredAsync(type, messages, cancellationToken: ct), valueInfo);
            var context = new DefaultHttpContext();
            var body = new MemoryStream();
            context.Response.Body = body;
            await result.ExecuteAsync(context);
            body.Position = 0;
            var events = new List<SseItem<string>>();
            await foreach (var item in SseParser.Create(body).EnumerateAsync()) events.Add(item);
            var patches = events.Where(e => e.EventType == "message").Select(e => e.Data).ToList();
            var last = events.Count == 0 ? "(no events)" : events[^1].EventType + ": " + events[^1].Data;
            var done = events.Count > 0 && events[^1].EventType == "done" ? JsonNode.Parse(events[^1].Data) : null;
            return new Served(label, partials, final, patches, done, last);
        }

        private static ChatCompletionsClient Stub(string[] pieces)
        {
            var options = new ChatCompletionsClientOptions { Model = "gpt-4o-mini", ApiKey = "sk-test-not-a-real-key" };
            return new ChatCompletionsClient(options, new HttpClient(new FixedUpstream(Upstream.Body(pieces))));
        }

        private static Leaves Flatten(JsonNode? node)
        {
            var leaves = new Leaves(StringComparer.Ordinal);
            Walk(node, "$");
            return leaves;

            void Walk(JsonNode? n, string path)
            {
                switch (n)
                {
                    case JsonObject obj:
                        leaves[path] = (null, FieldState.Complete);
                        foreach (var (name, child) in obj) Walk(child, path + "." + name);
                        break;
                    case JsonArray array:
                        leaves[path] = (null, FieldState.Complete);
                        for (int i = 0; i < array.Count; i++) Walk(array[i], path + "[" + i + "]");
                        break;
                    default:
                        leaves[path] = (n is null ? "null" : n.ToJsonString(), FieldState.Complete);
                        break;
                }
            }
        }

        private static bool Same(Leaves expected, Leaves actual, bool ignoreStates = false)
        {
            if (!expected.Keys.SequenceEqual(actual.Keys)) return false;
            foreach (var (path, (json, state)) in expected)
            {
                var other = actual[path];
                if (!ignoreStates && state != other.State) return false;
                if (!SameJson(json, other.Json)) return false;
            }

            return true;
        }

        // Numbers compare as doubles: the browser reads them with JSON.parse, so a 64-bit integer or a
        // decimal beyond 2^53 arrives rounded (a limit of JavaScript numbers, not of the patch stream).
        private static bool SameJson(string? expected, string? actual)
        {
            if (expected is null || actual is null) return expected is null && actual is null;
            var a = JsonNode.Parse(expected);
            var b = JsonNode.Parse(actual);
            if (a is JsonValue va && b is JsonValue vb && va.GetValueKind() == JsonValueKind.Number && vb.GetValueKind() == JsonValueKind.Number)
            {
                return double.Parse(a.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) == double.Parse(b.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
            }

            return JsonNode.DeepEquals(a, b);
        }

        private static string Show(Leaves leaves) =>
            string.Join(", ", leaves.Select(l => l.Key + "=" + (l.Value.Json ?? "{}") + "/" + l.Value.State));
    }
}
