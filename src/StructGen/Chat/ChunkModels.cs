using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace StructGen.Chat
{
    // Wire shapes of a streamed chat-completions chunk. Only the members the runtime reads are
    // declared; unknown members (provider extensions, obfuscation, logprobs…) are skipped.
    internal sealed class ChunkDto
    {
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("model")] public string? Model { get; set; }
        [JsonPropertyName("choices")] public List<ChoiceDto>? Choices { get; set; }
        [JsonPropertyName("usage")] public UsageDto? Usage { get; set; }
        [JsonPropertyName("error")] public ErrorDto? Error { get; set; }
    }

    internal sealed class ChoiceDto
    {
        [JsonPropertyName("index")] public int Index { get; set; }
        [JsonPropertyName("delta")] public DeltaDto? Delta { get; set; }
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
        [JsonPropertyName("arguments")] public string? Arguments { get; set; }
    }

    internal sealed class UsageDto
    {
        [JsonPropertyName("prompt_tokens")] public int PromptTokens { get; set; }
        [JsonPropertyName("completion_tokens")] public int CompletionTokens { get; set; }
        [JsonPropertyName("total_tokens")] public int TotalTokens { get; set; }
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

    internal sealed class ErrorDto
    {
        [JsonPropertyName("message")] public string? Message { get; set; }
        [JsonPropertyName("type")] public string? Type { get; set; }
        [JsonPropertyName("code")] public System.Text.Json.JsonElement Code { get; set; }
        [JsonPropertyName("param")] public string? Param { get; set; }
    }

    internal sealed class ErrorEnvelopeDto
    {
        [JsonPropertyName("error")] public ErrorDto? Error { get; set; }
    }

    [JsonSourceGenerationOptions(
        GenerationMode = JsonSourceGenerationMode.Metadata,
        NumberHandling = JsonNumberHandling.AllowReadingFromString)]
    [JsonSerializable(typeof(ChunkDto))]
    [JsonSerializable(typeof(ErrorEnvelopeDto))]
    internal sealed partial class ChunkJsonContext : JsonSerializerContext
    {
    }
}
