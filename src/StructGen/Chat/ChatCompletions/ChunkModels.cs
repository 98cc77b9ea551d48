using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StructGen.Chat
{
    // Wire shapes of a streamed chat-completions chunk. Only the members the runtime reads are
    // declared; unknown members (provider extensions, obfuscation, logprobs…) are skipped. Numbers
    // are nullable because some servers send explicit nulls. The same shape reads a non-streamed
    // chat.completion body (choices[].message instead of choices[].delta), which a few servers
    // return even when asked to stream.
    internal sealed class ChunkDto
    {
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("object")] public string? Object { get; set; }
        [JsonPropertyName("model")] public string? Model { get; set; }
        [JsonPropertyName("choices")] public List<ChoiceDto>? Choices { get; set; }
        [JsonPropertyName("usage")] public UsageDto? Usage { get; set; }

        // {"error":{…}} (OpenAI, OpenRouter, Azure) or {"error":"text"} (Ollama); vLLM and other FastAPI
        // servers use {"object":"error","message":…}. Detected here, read by ProviderError from the raw data.
        [JsonPropertyName("error")] public JsonElement Error { get; set; }

        public bool IsError =>
            (Error.ValueKind != JsonValueKind.Undefined && Error.ValueKind != JsonValueKind.Null) ||
            string.Equals(Object, "error", StringComparison.Ordinal);
    }

    internal sealed class ChoiceDto
    {
        [JsonPropertyName("index")] public int? Index { get; set; }
        [JsonPropertyName("delta")] public DeltaDto? Delta { get; set; }
        [JsonPropertyName("message")] public DeltaDto? Message { get; set; }
        [JsonPropertyName("finish_reason")] public string? FinishReason { get; set; }
        [JsonPropertyName("usage")] public UsageDto? Usage { get; set; }
    }

    internal sealed class DeltaDto
    {
        [JsonPropertyName("role")] public string? Role { get; set; }
        [JsonPropertyName("content")] public string? Content { get; set; }
        [JsonPropertyName("reasoning_content")] public string? ReasoningContent { get; set; }
        [JsonPropertyName("reasoning")] public string? Reasoning { get; set; }
        [JsonPropertyName("refusal")] public string? Refusal { get; set; }
        [JsonPropertyName("reasoning_details")] public string? ReasoningDetails { get; set; }
        [JsonPropertyName("tool_calls")] public List<ToolCallDeltaDto>? ToolCalls { get; set; }
    }

    internal sealed class ToolCallDeltaDto
    {
        [JsonPropertyName("index")] public int? Index { get; set; }
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("type")] public string? Type { get; set; }
        [JsonPropertyName("function")] public FunctionDeltaDto? Function { get; set; }
    }

    internal sealed class FunctionDeltaDto
    {
        [JsonPropertyName("name")] public string? Name { get; set; }

        // A string per the spec; a few local servers send the arguments as a JSON object instead
        // (ChunkReader keeps its JSON text).
        [JsonPropertyName("arguments")]
        public string? Arguments { get; set; }
    }

    internal sealed class UsageDto
    {
        [JsonPropertyName("prompt_tokens")] public int? PromptTokens { get; set; }
        [JsonPropertyName("completion_tokens")] public int? CompletionTokens { get; set; }
        [JsonPropertyName("total_tokens")] public int? TotalTokens { get; set; }
        [JsonPropertyName("completion_tokens_details")] public CompletionDetailsDto? CompletionDetails { get; set; }
        [JsonPropertyName("prompt_tokens_details")] public PromptDetailsDto? PromptDetails { get; set; }
    }

    internal sealed class CompletionDetailsDto
    {
        [JsonPropertyName("reasoning_tokens")] public int? ReasoningTokens { get; set; }
    }

    internal sealed class PromptDetailsDto
    {
        [JsonPropertyName("cached_tokens")] public int? CachedTokens { get; set; }
    }
}
