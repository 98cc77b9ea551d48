using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace StructGen.Chat
{
    // Token counts: the standard usage object (top level or per choice) and Groq's x_groq extension.
    internal sealed partial class ChunkReader
    {
        private UsageDto? ReadGroqUsage(ref Utf8JsonReader reader)
        {
            if (Next(ref reader) != JsonTokenType.StartObject)
            {
                if (reader.TokenType == JsonTokenType.StartArray) reader.Skip();
                return null;
            }

            UsageDto? usage = null;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("usage"u8)) usage = ReadUsage(ref reader);
                else SkipValue(ref reader);
            }

            return usage;
        }

        private UsageDto? ReadUsage(ref Utf8JsonReader reader)
        {
            if (Next(ref reader) == JsonTokenType.Null) return null;
            Expect(ref reader, JsonTokenType.StartObject);
            var usage = _scratch!.Usages.Take();
            usage.PromptTokens = usage.CompletionTokens = usage.TotalTokens = null;
            usage.CompletionDetails = null;
            usage.PromptDetails = null;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("prompt_tokens"u8)) usage.PromptTokens = ReadInt(ref reader);
                else if (reader.ValueTextEquals("completion_tokens"u8)) usage.CompletionTokens = ReadInt(ref reader);
                else if (reader.ValueTextEquals("total_tokens"u8)) usage.TotalTokens = ReadInt(ref reader);
                else if (reader.ValueTextEquals("completion_tokens_details"u8)) usage.CompletionDetails = ReadDetails(ref reader, "reasoning_tokens"u8, out var reasoning) ? With(_scratch!.CompletionDetails, reasoning) : null;
                else if (reader.ValueTextEquals("prompt_tokens_details"u8)) usage.PromptDetails = ReadDetails(ref reader, "cached_tokens"u8, out var cached) ? With(_scratch!.PromptDetails, cached) : null;
                else SkipValue(ref reader);
            }

            return usage;
        }

        private static CompletionDetailsDto With(CompletionDetailsDto details, int? reasoning)
        {
            details.ReasoningTokens = reasoning;
            return details;
        }

        private static PromptDetailsDto With(PromptDetailsDto details, int? cached)
        {
            details.CachedTokens = cached;
            return details;
        }

        // Reads an object holding one number of interest; false when the value is null.
        private static bool ReadDetails(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, out int? value)
        {
            value = null;
            if (Next(ref reader) == JsonTokenType.Null) return false;
            Expect(ref reader, JsonTokenType.StartObject);
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(name)) value = ReadInt(ref reader);
                else SkipValue(ref reader);
            }

            return true;
        }
    }
}
