using System;
using System.Text.Json;

namespace StructGen.Chat
{
    // The member names the one-pass reader acts on, told apart by one length switch and one byte comparison
    // instead of a chain of ValueTextEquals per member (an event has ~20 members, most of them skipped).
    internal sealed partial class GeminiEventDecoder
    {
        private enum Name
        {
            End,
            Other,

            // An escaped name: the JsonDocument path reads it (the one-pass reader declines the event).
            Escaped,
            Candidates,
            UsageMetadata,
            ResponseId,
            ModelVersion,
            Error,
            PromptFeedback,
            Content,
            FinishReason,
            Index,
            Parts,
            Text,
            PromptTokenCount,
            CandidatesTokenCount,
            TotalTokenCount,
            ThoughtsTokenCount,
            CachedContentTokenCount,
        }

        /// <summary>Moves to the next member of the current object and names it; <see cref="Name.End"/> at its end.</summary>
        private static Name NextName(ref Utf8JsonReader reader)
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName) return Name.End;
            if (reader.ValueIsEscaped) return Name.Escaped;
            var name = reader.ValueSpan;
            return name.Length switch
            {
                4 => name.SequenceEqual("text"u8) ? Name.Text : Name.Other,
                5 => name.SequenceEqual("index"u8) ? Name.Index : name.SequenceEqual("parts"u8) ? Name.Parts : name.SequenceEqual("error"u8) ? Name.Error : Name.Other,
                7 => name.SequenceEqual("content"u8) ? Name.Content : Name.Other,
                10 => name.SequenceEqual("candidates"u8) ? Name.Candidates : name.SequenceEqual("responseId"u8) ? Name.ResponseId : Name.Other,
                12 => name.SequenceEqual("modelVersion"u8) ? Name.ModelVersion : name.SequenceEqual("finishReason"u8) ? Name.FinishReason : Name.Other,
                13 => name.SequenceEqual("usageMetadata"u8) ? Name.UsageMetadata : Name.Other,
                14 => name.SequenceEqual("promptFeedback"u8) ? Name.PromptFeedback : Name.Other,
                15 => name.SequenceEqual("totalTokenCount"u8) ? Name.TotalTokenCount : Name.Other,
                16 => name.SequenceEqual("promptTokenCount"u8) ? Name.PromptTokenCount : Name.Other,
                18 => name.SequenceEqual("thoughtsTokenCount"u8) ? Name.ThoughtsTokenCount : Name.Other,
                20 => name.SequenceEqual("candidatesTokenCount"u8) ? Name.CandidatesTokenCount : Name.Other,
                23 => name.SequenceEqual("cachedContentTokenCount"u8) ? Name.CachedContentTokenCount : Name.Other,
                _ => Name.Other,
            };
        }
    }
}
