using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using StructGen.Cassettes;
using StructGen.Chat;
using Xunit;

namespace StructGen.Tests.Protocols.Responses
{
    /// <summary>
    /// Every Responses cassette (request URL path ending in <c>/responses</c>) in the test output's
    /// <c>cassettes/</c> and in the folders of <c>STRUCTGEN_CASSETTES</c>: each interaction's request is
    /// rebuilt through the typed API and replayed (the replay handler matches the body), and the decoded
    /// answer must equal an independent reading of the recorded events. No code per file.
    /// </summary>
    public class ResponsesCorpusTests
    {
        public static IEnumerable<object[]> Interactions()
        {
            foreach (var file in CassetteCorpus.CorpusCassettes.Files(CassetteCorpus.CorpusCassettes.IsResponsesUrl, withProviderShapes: true))
            {
                var cassette = CassetteLoader.Load(file);
                for (int i = 0; i < cassette.Interactions.Count; i++) yield return new object[] { Display(file), i };
            }
        }

        [Fact]
        public void The_repository_recordings_are_copied_to_the_test_output_and_found()
        {
            var found = Interactions().Select(a => (string)a[0]).Distinct().ToList();
            foreach (var name in new[] { "complex_object.yaml", "complex_object_streaming.yaml", "simple_streaming.yaml", "tool_streaming.yaml" })
            {
                Assert.Contains("cassettes/" + ResponsesTestClients.Folder + name, found);
            }

            Assert.Equal(5, Interactions().Count(a => ((string)a[0]).Contains(ResponsesTestClients.Folder, StringComparison.Ordinal)));
        }

        [Theory]
        [MemberData(nameof(Interactions))]
        public async Task Recorded_request_is_rebuilt_through_the_typed_api_and_its_answer_decodes_as_recorded(string cassettePath, int index)
        {
            var loaded = CassetteLoader.Load(Path.IsPathRooted(cassettePath) ? cassettePath : Path.Combine(AppContext.BaseDirectory, cassettePath));
            var interaction = loaded.Interactions[index];
            interaction.Request.Body = ResponsesCorpusRequest.WithoutEchoedCallItemIds(interaction.Request.Body);
            var single = new Cassette { SourcePath = loaded.SourcePath + "#" + index };
            single.Interactions.Add(interaction);
            var handler = new ReplayHandler(single, new CassetteReplayOptions { Chunking = ChunkingMode.FixedSize(17) });

            var request = ResponsesCorpusRequest.Rebuild(interaction.Request.Body);
            request.Client.Endpoint = new Uri(interaction.Request.Url.Substring(0, interaction.Request.Url.LastIndexOf("/responses", StringComparison.Ordinal) + 1));
            using var client = new ResponsesClient(request.Client, new HttpClient(handler));
            var expected = ResponsesReference.Read(interaction.Response.Body, interaction.Response.Code);
            request.Options.Stream = request.Stream;

            var stream = client.StreamAsync(request.Messages, request.Options);
            Exception? failure = null;
            try
            {
                await foreach (var _ in stream)
                {
                }
            }
            catch (Exception ex) when (ex is ChatStreamException or ChatApiException)
            {
                failure = ex;
            }

            handler.AssertAllUsed(); // The rebuilt body matched the recorded one.
            if (expected.Failure is not null)
            {
                Assert.NotNull(failure);
                if (failure is ChatStreamException streamFailure) Assert.Equal(expected.Failure, streamFailure.Failure);
                return;
            }

            Assert.Null(failure);
            var state = stream.State;
            Assert.Equal(expected.Text, state.Content);
            Assert.Equal(expected.Refusal, state.Refusal);
            Assert.Equal(expected.Calls, state.ToolCalls.Select(c => (c.Id, c.Name, c.Arguments)).ToList());
            Assert.Equal(expected.Finish, state.FinishReason?.Kind);
            Assert.Equal(expected.Usage, state.Usage is { } u ? (u.PromptTokens, u.CompletionTokens, u.TotalTokens) : null);
            Assert.Equal(expected.EncryptedReasoning, state.ReasoningBlocks.Count(b => b.MustSendBack));
        }

        private static string Display(string path)
        {
            var relative = Path.GetRelativePath(AppContext.BaseDirectory, path);
            return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative.Replace('\\', '/');
        }
    }

    /// <summary>What a recorded Responses answer says, read with JsonNode straight from the body (not with the adapter's decoder).</summary>
    internal sealed class ResponsesReference
    {
        public string Text { get; private set; } = string.Empty;

        public string Refusal { get; private set; } = string.Empty;

        public List<(string Id, string Name, string Arguments)> Calls { get; } = new();

        public FinishKind? Finish { get; private set; }

        public (int, int, int)? Usage { get; private set; }

        public int EncryptedReasoning { get; private set; }

        public ChatStreamFailure? Failure { get; private set; }

        public static ResponsesReference Read(string body, int status)
        {
            var reference = new ResponsesReference();
            if (status >= 400)
            {
                reference.Failure = ChatStreamFailure.ProviderError; // Surfaces as ChatApiException.
                return reference;
            }

            var trimmed = body.TrimStart();
            if (trimmed.StartsWith('{'))
            {
                reference.Terminal(JsonNode.Parse(trimmed)!, fromBody: true);
                return reference;
            }

            var text = new StringBuilder();
            var refusal = new StringBuilder();
            foreach (var block in body.Replace("\r\n", "\n").Split("\n\n"))
            {
                var data = string.Join("\n", block.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l.Substring(5).TrimStart(' ')));
                if (data.Length == 0 || data == "[DONE]") continue;
                var e = JsonNode.Parse(data)!;
                switch ((string?)e["type"])
                {
                    case "response.output_text.delta": text.Append((string?)e["delta"]); break;
                    case "response.refusal.delta": refusal.Append((string?)e["delta"]); break;
                    case "response.output_item.added" when IsFunctionCall(e["item"]): reference.Added(e["item"]!); break;
                    case "response.output_item.done": reference.Item(e["item"]!, withText: false); break;
                    case "error": reference.Failure = ChatStreamFailure.ProviderError; return reference;
                    case "response.completed" or "response.incomplete" or "response.failed":
                        reference.Text = text.ToString();
                        reference.Refusal = refusal.ToString();
                        reference.Terminal(e["response"]!, fromBody: false); break;
                }
            }

            reference.Text = text.ToString();
            reference.Refusal = refusal.ToString();
            if (reference.Finish is null && reference.Failure is null) reference.Failure = ChatStreamFailure.Truncated;
            return reference;
        }

        // A call keeps the call_id it was added with; its done item (found by item id, else as the open call of that
        // name: vLLM's harmony streaming finishes it with no id and another call_id) gives the arguments.
        private readonly List<(string? ItemId, bool Done)> _callItems = new();

        private static bool IsFunctionCall(JsonNode? item) => item is not null && (string?)item["type"] == "function_call";

        private void Added(JsonNode item)
        {
            Calls.Add(((string)item["call_id"]!, (string)item["name"]!, "{}"));
            _callItems.Add(((string?)item["id"], false));
        }

        private void Item(JsonNode item, bool withText)
        {
            switch ((string?)item["type"])
            {
                case "function_call":
                    var arguments = (string?)item["arguments"] is { Length: > 0 } a ? a : "{}";
                    var itemId = (string?)item["id"];
                    int open = itemId is null ? -1 : _callItems.FindIndex(c => !c.Done && c.ItemId == itemId);
                    if (open < 0 && item["id"] is null) open = _callItems.FindIndex(c => !c.Done);
                    if (open < 0 || Calls[open].Name != (string)item["name"]!)
                    {
                        Calls.Add(((string)item["call_id"]!, (string)item["name"]!, arguments));
                        _callItems.Add(((string?)item["id"], true));
                        break;
                    }

                    Calls[open] = (Calls[open].Id, Calls[open].Name, arguments);
                    _callItems[open] = (_callItems[open].ItemId, true);
                    break;
                case "reasoning" when (string?)item["encrypted_content"] is { Length: > 0 }: EncryptedReasoning++; break;
                case "message" when withText:
                    foreach (var part in item["content"]!.AsArray())
                    {
                        if ((string?)part!["type"] == "output_text") Text += (string?)part["text"];
                        if ((string?)part["type"] == "refusal") Refusal += (string?)part["refusal"];
                    }

                    break;
            }
        }

        private void Terminal(JsonNode response, bool fromBody)
        {
            var status = (string?)response["status"];
            if (status == "failed" || response["error"] is JsonObject)
            {
                Failure = ChatStreamFailure.ProviderError;
                return;
            }

            if (fromBody)
            {
                foreach (var item in response["output"]!.AsArray()) Item(item!, withText: true);
            }

            if (response["usage"] is JsonObject usage)
            {
                Usage = ((int)usage["input_tokens"]!, (int)usage["output_tokens"]!, (int)usage["total_tokens"]!);
            }

            Finish = status switch
            {
                "completed" => Calls.Count > 0 ? FinishKind.ToolCalls : (Refusal.Length > 0 && Text.Length == 0 ? FinishKind.Refusal : FinishKind.Stop),
                "incomplete" => (string?)response["incomplete_details"]?["reason"] switch { "max_output_tokens" => FinishKind.Length, "content_filter" => FinishKind.ContentFilter, _ => FinishKind.Other },
                _ => FinishKind.Other,
            };
        }
    }
}
