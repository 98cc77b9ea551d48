using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using StructGen.AspNetCore.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace StructGen.AspNetCore.Tests
{
    public class LinearBytesTests
    {
        // A typical model token is about four characters.
        private const int DeltaSize = 4;

        private readonly ITestOutputHelper _output;

        public LinearBytesTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task Bytes_on_the_wire_grow_linearly_with_the_document()
        {
            await using var app = await TestApp.StartAsync();
            using var http = new HttpClient { BaseAddress = app.Address };
            var ratios = new List<double>();
            _output.WriteLine("document B | patch stream B | ratio | raw-text SSE B | whole-snapshot SSE B (at least)");
            foreach (int sections in new[] { 16, 256, 1024 })
            {
                var document = Article(sections);
                app.StubUpstream = new FixedUpstream(Upstream.Body(document, DeltaSize));
                var capture = await SseCapture.GetAsync(http, "/stub/article");

                Assert.Equal("done", capture.Events[^1].EventType);
                var applier = new PatchApplier();
                foreach (var e in capture.Events.Where(e => e.EventType == "message")) applier.Apply(e.Data);
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(document), applier.Value), "the patches did not rebuild the document of " + sections + " sections");

                long size = Encoding.UTF8.GetByteCount(document);
                var (rawText, snapshots) = Alternatives(document);
                double ratio = (double)capture.Bytes / size;
                ratios.Add(ratio);
                _output.WriteLine($"{size} | {capture.Bytes} | {ratio:F2} | {rawText} | {snapshots}");
                if (sections >= 256) Assert.True(capture.Bytes * 10 < snapshots, $"the patch stream ({capture.Bytes} B) is not far below a whole-snapshot stream ({snapshots} B)");
            }

            // Linear: bytes per document byte stay the same (within 10%) from ~4 KB to ~256 KB.
            Assert.True(ratios.Max() <= ratios.Min() * 1.1, "bytes per document byte changed with size: " + string.Join(", ", ratios.Select(r => r.ToString("F2", System.Globalization.CultureInfo.InvariantCulture))));
        }

        // What the same deltas cost as a raw-text SSE stream (one {"delta": ...} event per delta, the
        // shape text-streaming endpoints send), and at least what whole snapshots cost (each event
        // carrying the document so far).
        private static (long RawText, long Snapshots) Alternatives(string document)
        {
            long raw = 0, snapshots = 0;
            for (int i = 0; i < document.Length; i += DeltaSize)
            {
                var delta = document.Substring(i, Math.Min(DeltaSize, document.Length - i));
                raw += Encoding.UTF8.GetByteCount("data: {\"delta\":" + JsonSerializer.Serialize(delta) + "}\n\n");
                snapshots += "data: \n\n".Length + i + delta.Length;
            }

            return (raw, snapshots);
        }

        private static string Article(int sections)
        {
            var article = new JsonObject
            {
                ["title"] = "Field notes",
                ["sections"] = new JsonArray(Enumerable.Range(0, sections).Select(i => (JsonNode)new JsonObject
                {
                    ["heading"] = "Section " + i,
                    ["body"] = "The quick brown fox jumps over the lazy dog; déjà vu, naïve café, \"quoted\" text and a line break\nhere. " + i,
                    ["words"] = 17 + (i % 5),
                    ["draft"] = i % 2 == 0,
                }).ToArray()),
            };
            return article.ToJsonString();
        }
    }
}
