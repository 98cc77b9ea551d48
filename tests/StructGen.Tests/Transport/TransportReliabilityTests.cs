using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using StructGen.Chat;
using Xunit;
using Xunit.Abstractions;

namespace StructGen.Tests.Transport
{
    /// <summary>Issue 18, items 1-3 and 9, against the loopback server.</summary>
    [Collection(TransportCollection.Name)]
    public sealed class TransportReliabilityTests
    {
        private readonly LoopbackServer _server;
        private readonly ITestOutputHelper _output;

        public TransportReliabilityTests(LoopbackServer server, ITestOutputHelper output)
        {
            _server = server;
            _output = output;
        }

        // Item 1.
        [Theory]
        [InlineData("echoheader-401")]
        [InlineData("echoheader-429")]
        [InlineData("echoheader-event")]
        public async Task A_key_echoed_in_the_request_id_header_is_masked_everywhere(string scenario)
        {
            var logger = new CapturingLogger();
            using var client = TransportTest.Client(_server.Endpoint(scenario), logger, configure: o => o.MaxRetries = 1);
            var stream = client.StreamAsync(TransportTest.Messages);
            var failure = await Record.ExceptionAsync(() => TransportTest.ReadAllAsync(stream));

            Assert.NotNull(failure);
            string? requestId = failure switch
            {
                ChatApiException api => api.RequestId,
                ChatStreamException s => s.RequestId,
                _ => throw new Xunit.Sdk.XunitException("Unexpected " + failure),
            };
            Assert.Equal("req-for Bearer ***", requestId);
            if (failure is ChatStreamException) Assert.Equal("req-for Bearer ***", stream.State.RequestId);
            AssertNoKey(failure.Message, "Message");
            AssertNoKey(failure.ToString(), "ToString()");
            Assert.Contains(logger.Entries, e => e.Id.Name == "ChatResponseReceived");
            Assert.Contains(logger.Entries, e => e.Id.Name == "ChatRequestFailed");
            Assert.Contains("req-for Bearer ***", logger.AllText, StringComparison.Ordinal);
            AssertNoKey(logger.AllText, "log");
        }

        // Item 2.
        [Theory]
        [InlineData("sk-abc\r\n")]
        [InlineData("sk-abc\nX-Injected: 1")]
        [InlineData("sk-abc\0def")]
        [InlineData("\rsk-abc")]
        public async Task A_key_with_cr_lf_or_nul_is_rejected_as_an_argument_without_quoting_it(string key)
        {
            var failure = await Record.ExceptionAsync(async () =>
            {
                using var client = TransportTest.Client(_server.Endpoint("normal"), configure: o => o.ApiKey = key);
                await TransportTest.ReadAllAsync(client.StreamAsync(TransportTest.Messages));
            });

            var argument = Assert.IsType<ArgumentException>(failure);
            Assert.Equal("ApiKey", argument.ParamName);
            Assert.DoesNotContain("sk-abc", argument.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("def", argument.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Ordinary_keys_and_no_key_are_accepted()
        {
            var options = new ChatCompletionsClientOptions { ApiKey = "sk-proj-AbC_123-xyz.~+/=" };
            options.ApiKey = null;
            options.ApiKey = string.Empty;
            Assert.Equal(string.Empty, options.ApiKey);
        }

        // Item 3.
        [Theory]
        [InlineData("plain")]
        [InlineData("esc")]
        public async Task Long_sse_lines_leave_no_memory_behind(string text)
        {
            const int Streams = 4;
            const int LineMiB = 8;
            const long BoundBytes = 8L * 1024 * 1024; // the pool may keep arrays up to 1 MiB per thread

            // Warm up: the pool's small buckets, the connection, JIT; one long line so anything a first use sets up is counted.
            await ReadLengthAsync("longline-" + LineMiB + "-" + text);
            await ReadLengthAsync("normal");
            long before = SettledMemory();

            for (int i = 0; i < Streams; i++)
            {
                int length = await ReadLengthAsync("longline-" + LineMiB + "-" + text);
                Assert.True(length >= LineMiB * 1024 * 1024 / 2, "content of " + length + " characters");
                await ReadLengthAsync("normal");
            }

            long after = SettledMemory();
            _output.WriteLine($"{text}: {before / 1024.0 / 1024:0.0} MB before, {after / 1024.0 / 1024:0.0} MB after {Streams} streams with a {LineMiB} MiB line; growth {(after - before) / 1024.0 / 1024:0.00} MB (bound {BoundBytes / 1024 / 1024} MB)");
            Assert.True(after - before < BoundBytes, $"{(after - before) / 1024.0 / 1024:0.0} MB still reachable after {Streams} streams with a {LineMiB} MiB line (bound {BoundBytes / 1024 / 1024} MB)");
        }

        private async Task<int> ReadLengthAsync(string scenario)
        {
            using var scoped = TransportTest.Client(_server.Endpoint(scenario));
            var stream = scoped.StreamAsync(TransportTest.Messages);
            int length = 0;
            await foreach (var update in stream)
            {
                if (update.Kind == ChatStreamUpdateKind.ContentDelta) length += update.Text!.Length;
            }

            Assert.Equal(FinishKind.Stop, stream.State.FinishReason!.Kind);
            return length;
        }

        // The smallest of several full collections: finalizers and background work may hold a little for a moment.
        private static long SettledMemory()
        {
            long min = long.MaxValue;
            for (int i = 0; i < 5; i++)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
                min = Math.Min(min, GC.GetTotalMemory(forceFullCollection: true));
            }

            return min;
        }

        // Item 9.
        [Theory]
        [InlineData("nofinish-none")]
        [InlineData("nofinish-empty")]
        [InlineData("nofinish-body")]
        public async Task An_explicit_end_without_a_finish_reason_is_a_normal_end_with_an_unspecified_reason(string scenario)
        {
            var logger = new CapturingLogger();
            using var client = TransportTest.Client(_server.Endpoint(scenario), logger);
            var stream = client.StreamAsync(TransportTest.Messages);
            var updates = await TransportTest.ReadAllAsync(stream);

            Assert.Equal(new FinishReason(FinishKind.Other, string.Empty), stream.State.FinishReason); // FinishReason.Unspecified
            Assert.Equal(FinishKind.Other, stream.State.FinishReason!.Kind);
            Assert.Equal(string.Empty, stream.State.FinishReason.Value);
            Assert.Equal(ChatStreamUpdateKind.Finished, updates.Last().Kind == ChatStreamUpdateKind.Usage ? updates[updates.Count - 2].Kind : updates.Last().Kind);
            Assert.Equal(scenario == "nofinish-body" ? "Whole answer" : "Hello", stream.State.Content);
            var call = Assert.Single(stream.State.ToolCalls);
            Assert.Equal("get_weather", call.Name);
            Assert.Equal("{\"city\":\"Paris\"}", call.Arguments);
            Assert.Contains(updates, u => u.Kind == ChatStreamUpdateKind.ToolCallCompleted);
            Assert.NotNull(stream.State.Usage);
            Assert.Contains(logger.Entries, e => e.Id.Name == "ChatRequestCompleted");
        }

        [Fact]
        public async Task A_text_stream_without_a_finish_reason_ends_normally()
        {
            using var client = TransportTest.Client(_server.Endpoint("nofinish-none"));
            var text = client.StreamTextAsync(TransportTest.Messages);
            var deltas = new List<string>();
            await foreach (var delta in text) deltas.Add(delta);
            Assert.Equal("Hello", string.Concat(deltas));
            Assert.Equal(new FinishReason(FinishKind.Other, string.Empty), text.FinishReason);
        }

        [Fact]
        public async Task A_stream_that_stops_without_done_or_a_finish_reason_is_still_truncated()
        {
            using var client = TransportTest.Client(_server.Endpoint("nofinish-eof"));
            var stream = client.StreamAsync(TransportTest.Messages);
            var failure = await Assert.ThrowsAsync<ChatStreamException>(() => TransportTest.ReadAllAsync(stream));
            Assert.Equal(ChatStreamFailure.Truncated, failure.Failure);
            Assert.Equal("Hello", failure.State.Content);
        }

        private static void AssertNoKey(string? text, string where)
        {
            if (text is null) return;
            Assert.False(text.Contains(LoopbackServer.ApiKey, StringComparison.Ordinal), where + " contains the API key:\n" + text);
            Assert.False(text.Contains("SECRET", StringComparison.Ordinal), where + " contains part of the API key:\n" + text);
        }
    }
}
