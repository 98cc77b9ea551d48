using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using StructGen.Cassettes;
using StructGen.Chat;
using StructGen.Tests.Protocols.Anthropic;
using StructGen.Tests.Protocols.Responses;
using Xunit;

namespace StructGen.Tests.CassetteCorpus
{
    /// <summary>
    /// The protocol corpus tests rebuild every request from its recorded body, so they never check what the
    /// client decoded from one answer against what went back in the next request. Here each Anthropic Messages
    /// and Responses cassette is replayed in order, and where the next request carries the previous answer back
    /// (its calls are the ones just decoded), the parts a correct client must return unchanged are compared with
    /// what this client decoded: call ids, names and arguments, Anthropic thinking signatures, and the
    /// <c>encrypted_content</c> of Responses reasoning items. Gemini's corpus test already does this for its calls.
    /// </summary>
    public class AnswerSentBackTests
    {
        public static IEnumerable<object[]> MessagesCassettes() => Conversations(CorpusCassettes.IsMessagesUrl);

        public static IEnumerable<object[]> ResponsesCassettes() => Conversations(CorpusCassettes.IsResponsesUrl);

        [Theory]
        [MemberData(nameof(MessagesCassettes))]
        public async Task Anthropic_answers_go_back_as_decoded(string path)
        {
            var cassette = CassetteLoader.Load(CorpusCassettes.Resolve(path));
            using var http = new HttpClient(new ReplayHandler(cassette, new CassetteReplayOptions { Chunking = ChunkingMode.EventBoundaries }));
            ChatStreamState? previous = null;
            for (int i = 0; i < cassette.Interactions.Count; i++)
            {
                var interaction = cassette.Interactions[i];
                var where = path + " interaction " + i;
                if (previous is not null) AssertMessagesAnswerWentBack(previous, JsonNode.Parse(interaction.Request.Body)!, where);
                var request = MessagesRecordedRequest.From(interaction.Request);
                var options = request.ClientOptions();
                using var client = new AnthropicClient(options, http);
                previous = await TryRunAsync(() => request.Stream ? Drain(client.StreamAsync(request.Messages, request.Options)) : client.CompleteAsync(request.Messages, request.Options));
            }
        }

        [Theory]
        [MemberData(nameof(ResponsesCassettes))]
        public async Task Responses_answers_go_back_as_decoded(string path)
        {
            var cassette = CassetteLoader.Load(CorpusCassettes.Resolve(path));
            var recorded = cassette.Interactions.Select(i => i.Request.Body).ToList();
            foreach (var interaction in cassette.Interactions) interaction.Request.Body = ResponsesCorpusRequest.WithoutEchoedCallItemIds(interaction.Request.Body);
            using var http = new HttpClient(new ReplayHandler(cassette, new CassetteReplayOptions { Chunking = ChunkingMode.FixedSize(17) }));
            ChatStreamState? previous = null;
            for (int i = 0; i < cassette.Interactions.Count; i++)
            {
                var interaction = cassette.Interactions[i];
                var where = path + " interaction " + i;
                if (previous is not null) AssertResponsesAnswerWentBack(previous, JsonNode.Parse(recorded[i])!, cassette.Interactions[i - 1].Response.Body, where);
                var request = ResponsesCorpusRequest.Rebuild(interaction.Request.Body);
                request.Client.Endpoint = new Uri(interaction.Request.Url.Substring(0, interaction.Request.Url.LastIndexOf("/responses", StringComparison.Ordinal) + 1));
                request.Options.Stream = request.Stream;
                using var client = new ResponsesClient(request.Client, http);
                previous = await TryRunAsync(() => Drain(client.StreamAsync(request.Messages, request.Options)));
            }
        }

        // Cassettes with a follow-up request: the only ones where an answer can go back.
        private static IEnumerable<object[]> Conversations(Func<Uri, bool> isProtocolUrl) =>
            CorpusCassettes.Files(isProtocolUrl)
                .Where(file => CassetteLoader.Load(file).Interactions.Count > 1)
                .Select(file => new object[] { Display(file) });

        private static string Display(string path)
        {
            var relative = System.IO.Path.GetRelativePath(AppContext.BaseDirectory, path);
            return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative.Replace('\\', '/');
        }

        private static async Task<ChatStreamState> Drain(ChatStream stream)
        {
            await foreach (var _ in stream)
            {
            }

            return stream.State;
        }

        // An answer that failed (an error status, a provider error) has nothing to send back; the corpus tests judge it.
        private static async Task<ChatStreamState?> TryRunAsync(Func<Task<ChatStreamState>> run)
        {
            try
            {
                return await run();
            }
            catch (Exception ex) when (ex is ChatStreamException or ChatApiException)
            {
                return null;
            }
        }

        private static void AssertMessagesAnswerWentBack(ChatStreamState previous, JsonNode next, string where)
        {
            var assistant = (next["messages"] as JsonArray)?.LastOrDefault(m => (string?)m?["role"] == "assistant");
            if (assistant?["content"] is not JsonArray blocks) return;
            var calls = blocks.Where(b => (string?)b?["type"] == "tool_use").ToList();
            // The recorder went back with another answer (or started over): nothing of ours to compare.
            if (calls.Count == 0 || !calls.Any(c => previous.ToolCalls.Any(p => p.Id == (string?)c!["id"]))) return;

            Assert.True(calls.Count == previous.ToolCalls.Count, $"{where}: {calls.Count} tool_use blocks sent back, {previous.ToolCalls.Count} decoded.");
            foreach (var (sent, ours) in calls.Zip(previous.ToolCalls))
            {
                Assert.True((string?)sent!["id"] == ours.Id && (string?)sent["name"] == ours.Name, $"{where}: tool_use {sent["id"]} {sent["name"]} sent back, {ours.Id} {ours.Name} decoded.");
                Assert.True(JsonNode.DeepEquals(sent["input"], JsonNode.Parse(ours.Arguments.Length == 0 ? "{}" : ours.Arguments)), $"{where}: input of {ours.Id} differs: sent {sent["input"]?.ToJsonString()}, decoded {ours.Arguments}.");
            }

            var sentThinking = blocks.Where(b => (string?)b?["type"] == "thinking").Select(b => ((string?)b!["thinking"], (string?)b["signature"])).ToList();
            var ourThinking = previous.ReasoningBlocks.Where(r => r.Protocol == WireProtocols.AnthropicMessages && r.PayloadJson is null).Select(r => ((string?)r.Text, r.Signature)).ToList();
            Assert.True(sentThinking.SequenceEqual(ourThinking), $"{where}: {sentThinking.Count} thinking blocks sent back differ from the {ourThinking.Count} decoded (text or signature).");
        }

        private static void AssertResponsesAnswerWentBack(ChatStreamState previous, JsonNode next, string previousAnswer, string where)
        {
            if (next["input"] is not JsonArray items) return;
            var calls = items.Where(i => (string?)i?["type"] == "function_call").ToList();
            var ours = calls.Select(c => previous.ToolCalls.FirstOrDefault(p => p.Id == (string?)c!["call_id"])).ToList();
            if (calls.Count == 0 || ours.All(o => o is null)) return;

            foreach (var (sent, call) in calls.Zip(ours))
            {
                if (call is null) continue; // a call of an earlier turn
                Assert.True((string?)sent!["name"] == call.Name, $"{where}: call {call.Id} went back as {sent["name"]}, decoded {call.Name}.");
                Assert.True(JsonNode.DeepEquals(Arguments(sent), JsonNode.Parse(call.Arguments.Length == 0 ? "{}" : call.Arguments)), $"{where}: arguments of {call.Id} differ: sent {sent["arguments"]}, decoded {call.Arguments}.");
            }

            Assert.True(ours.Count(o => o is not null) == previous.ToolCalls.Count, $"{where}: {ours.Count(o => o is not null)} of the {previous.ToolCalls.Count} decoded calls went back.");

            // Reasoning the recorder returned with its encrypted_content: the same item of ours must carry the same content.
            foreach (var item in items.Where(i => (string?)i?["type"] == "reasoning" && i["encrypted_content"] is not null))
            {
                var id = (string?)item!["id"];
                var mine = previous.ReasoningBlocks
                    .Where(r => r.Protocol == WireProtocols.Responses && r.PayloadJson is not null)
                    .Select(r => JsonNode.Parse(r.PayloadJson!)!)
                    .FirstOrDefault(p => (string?)p["id"] == id);
                if (mine is null) continue; // an item of an earlier turn
                var sent = (string?)item["encrypted_content"];
                // Some recorder versions send back the encrypted_content of response.output_item.added, which the API
                // replaces in output_item.done once it has streamed a reasoning summary; the final item is the one a
                // client returns, so the recorder's earlier copy is its quirk, not a difference of ours.
                if (sent != (string?)mine["encrypted_content"] && sent == AddedEncryptedContent(previousAnswer, id)) continue;
                Assert.True((string?)mine["encrypted_content"] == sent, $"{where}: reasoning item {id} went back with another encrypted_content than the one decoded.");
            }
        }

        // The encrypted_content a streamed answer announced for a reasoning item in its response.output_item.added event.
        private static string? AddedEncryptedContent(string answer, string? id)
        {
            foreach (var line in answer.Split('\n'))
            {
                if (!line.StartsWith("data: {", StringComparison.Ordinal) || !line.Contains("response.output_item.added", StringComparison.Ordinal)) continue;
                var data = JsonNode.Parse(line.Substring("data: ".Length));
                if ((string?)data?["type"] == "response.output_item.added" && (string?)data["item"]?["id"] == id) return (string?)data["item"]?["encrypted_content"];
            }

            return null;
        }

        // Some recorder versions sent function_call arguments JSON-encoded twice (a string holding the JSON text):
        // a quirk of that library, so the arguments are compared after undoing it.
        private static JsonNode? Arguments(JsonNode sent)
        {
            var text = (string?)sent["arguments"] ?? "{}";
            var parsed = JsonNode.Parse(text);
            return parsed is JsonValue value && value.TryGetValue<string>(out var inner) ? JsonNode.Parse(inner) : parsed;
        }
    }
}
