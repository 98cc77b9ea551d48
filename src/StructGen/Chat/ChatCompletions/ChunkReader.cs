using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace StructGen.Chat
{
    /// <summary>
    /// Decodes one chat-completion chunk with a single <see cref="Utf8JsonReader"/> pass into DTOs that
    /// are reused from chunk to chunk, so steady-state decoding allocates only the strings handed on
    /// (content, tool arguments). Tolerant like a JSON serializer configured for these DTOs: unknown
    /// members are skipped, numbers may be strings or null, tool arguments may be a JSON object.
    /// </summary>
    internal sealed class ChunkReader
    {
        private readonly ChunkDto _chunk = new ChunkDto();
        private readonly Pool<ChoiceDto> _choices = new Pool<ChoiceDto>();
        private readonly Pool<DeltaDto> _deltas = new Pool<DeltaDto>();
        private readonly Pool<ToolCallDeltaDto> _toolCalls = new Pool<ToolCallDeltaDto>();
        private readonly Pool<FunctionDeltaDto> _functions = new Pool<FunctionDeltaDto>();
        private readonly Pool<UsageDto> _usages = new Pool<UsageDto>();
        private readonly Pool<List<ChoiceDto>> _choiceLists = new Pool<List<ChoiceDto>>();
        private readonly Pool<List<ToolCallDeltaDto>> _toolCallLists = new Pool<List<ToolCallDeltaDto>>();
        private readonly CompletionDetailsDto _completionDetails = new CompletionDetailsDto();
        private readonly PromptDetailsDto _promptDetails = new PromptDetailsDto();
        private readonly ChunkPrefix _prefix = new ChunkPrefix();

        /// <summary>Bytes of the remembered leading members (0 when none): for tests.</summary>
        internal int RememberedPrefixLength => _prefix.ChoicesLength;

        /// <summary>Bytes up to the remembered first delta (0 when none): for tests.</summary>
        internal int RememberedDeltaPrefixLength => _prefix.DeltaLength;

        /// <summary>Chunks read from a remembered prefix on: for tests.</summary>
        internal int PrefixHits { get; private set; }

        /// <summary>
        /// Reads a chunk. The returned object and everything it holds are valid until the next call.
        /// <paramref name="needIdentity"/> false skips creating the id and model strings (already known).
        /// </summary>
        public ChunkDto? Read(ReadOnlySpan<byte> data, bool needIdentity)
        {
            _choices.Reset();
            _deltas.Reset();
            _toolCalls.Reset();
            _functions.Reset();
            _usages.Reset();
            _choiceLists.Reset();
            _toolCallLists.Reset();
            var chunk = _chunk;
            chunk.Id = null;
            chunk.Object = null;
            chunk.Model = null;
            chunk.Choices = null;
            chunk.Usage = null;
            chunk.Error = default;

            UsageDto? groqUsage = null;
            Utf8JsonReader reader;
            bool fromStart = false; // the reader's span starts at the chunk's first byte: a prefix can be remembered
            if (!needIdentity && _prefix.MatchesDelta(data))
            {
                // Everything up to the first choice's delta object is byte for byte a chunk already read: only the
                // choice's index mattered there. Resume inside the delta.
                PrefixHits++;
                data = data.Slice(_prefix.DeltaLength);
                reader = new Utf8JsonReader(data, isFinalBlock: true, _prefix.DeltaState);
                var list = _choiceLists.Take();
                list.Clear();
                var choice = TakeChoice();
                choice.Index = _prefix.ChoiceIndex;
                var delta = TakeDelta();
                ReadDeltaMembers(ref reader, data, delta);
                choice.Delta = delta;
                ReadChoiceMembers(ref reader, data, choice, default);
                list.Add(choice);
                ReadChoiceElements(ref reader, data, list, default);
                chunk.Choices = list;
            }
            else if (!needIdentity && _prefix.MatchesChoices(data))
            {
                // The members before "choices" are byte for byte those of a chunk already read, which needed
                // nothing from them: resume the reader at "choices" instead of tokenizing them again.
                PrefixHits++;
                var before = data.Slice(0, _prefix.ChoicesLength);
                data = data.Slice(_prefix.ChoicesLength);
                reader = new Utf8JsonReader(data, isFinalBlock: true, _prefix.ChoicesState);
                chunk.Choices = ReadChoices(ref reader, data, new Resumable(before));
            }
            else
            {
                fromStart = true;
                reader = new Utf8JsonReader(data, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
                if (Next(ref reader) == JsonTokenType.Null) return null;
                Expect(ref reader, JsonTokenType.StartObject);
            }

            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("choices"u8))
                {
                    // Remember where "choices" starts when nothing before it mattered (identity already known,
                    // no usage, no error): the next chunks of this stream usually repeat those bytes exactly.
                    var resumable = default(Resumable);
                    if (fromStart && !needIdentity && chunk.Object is null && groqUsage is null && chunk.Usage is null && chunk.Error.ValueKind == JsonValueKind.Undefined)
                    {
                        _prefix.RememberChoices(data, ref reader);
                        resumable = new Resumable(default);
                    }

                    chunk.Choices = ReadChoices(ref reader, data, resumable);
                }
                else if (reader.ValueTextEquals("usage"u8)) chunk.Usage = ReadUsage(ref reader);
                else if (reader.ValueTextEquals("x_groq"u8)) groqUsage = ReadGroqUsage(ref reader);
                else if (reader.ValueTextEquals("id"u8)) chunk.Id = needIdentity ? ReadId(ref reader) : SkipValue(ref reader);
                else if (reader.ValueTextEquals("model"u8)) chunk.Model = needIdentity ? ReadString(ref reader) : SkipValue(ref reader);
                else if (reader.ValueTextEquals("object"u8))
                {
                    Next(ref reader);
                    if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("error"u8)) chunk.Object = "error";
                    else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
                }
                else if (reader.ValueTextEquals("error"u8))
                {
                    Next(ref reader);
                    // Only presence matters here: ProviderError reads the details from the raw data.
                    if (reader.TokenType != JsonTokenType.Null) chunk.Object = "error";
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
                }
                else
                {
                    SkipValue(ref reader);
                }
            }

            // Groq reports usage only inside its x_groq extension of the last chunk.
            chunk.Usage ??= groqUsage;
            return chunk;
        }

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

        // `resumable` is set while nothing read so far in the chunk mattered except what a prefix can replay:
        // then the first choice's delta object is a point to resume later chunks at.
        private List<ChoiceDto>? ReadChoices(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, Resumable resumable)
        {
            if (Next(ref reader) == JsonTokenType.Null) return null;
            Expect(ref reader, JsonTokenType.StartArray);
            var list = _choiceLists.Take();
            list.Clear();
            ReadChoiceElements(ref reader, data, list, resumable);
            return list;
        }

        private void ReadChoiceElements(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, List<ChoiceDto> list, Resumable resumable)
        {
            while (Next(ref reader) != JsonTokenType.EndArray)
            {
                Expect(ref reader, JsonTokenType.StartObject);
                var choice = TakeChoice();
                ReadChoiceMembers(ref reader, data, choice, list.Count == 0 ? resumable : default);
                list.Add(choice);
            }
        }

        private ChoiceDto TakeChoice()
        {
            var choice = _choices.Take();
            choice.Index = null;
            choice.Delta = null;
            choice.Message = null;
            choice.FinishReason = null;
            choice.Usage = null;
            return choice;
        }

        private void ReadChoiceMembers(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, ChoiceDto choice, Resumable resumable)
        {
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("delta"u8))
                {
                    if (Next(ref reader) == JsonTokenType.Null)
                    {
                        choice.Delta = null;
                        continue;
                    }

                    Expect(ref reader, JsonTokenType.StartObject);
                    if (resumable.IsSet) _prefix.RememberDelta(resumable.Before, data, ref reader, choice.Index);
                    var delta = TakeDelta();
                    ReadDeltaMembers(ref reader, data, delta);
                    choice.Delta = delta;
                }
                else if (reader.ValueTextEquals("index"u8))
                {
                    choice.Index = ReadInt(ref reader);
                    continue; // the index is replayed by the prefix: still resumable
                }
                else if (reader.ValueTextEquals("finish_reason"u8)) choice.FinishReason = ReadString(ref reader);
                else if (reader.ValueTextEquals("message"u8)) choice.Message = ReadDelta(ref reader, data);
                else if (reader.ValueTextEquals("usage"u8)) choice.Usage = ReadUsage(ref reader);
                else SkipValue(ref reader);
                resumable = default;
            }
        }

        private DeltaDto? ReadDelta(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
        {
            if (Next(ref reader) == JsonTokenType.Null) return null;
            Expect(ref reader, JsonTokenType.StartObject);
            var delta = TakeDelta();
            ReadDeltaMembers(ref reader, data, delta);
            return delta;
        }

        private DeltaDto TakeDelta()
        {
            var delta = _deltas.Take();
            delta.Role = null;
            delta.Content = null;
            delta.ReasoningContent = null;
            delta.Reasoning = null;
            delta.Refusal = null;
            delta.ReasoningDetails = null;
            delta.ToolCalls = null;
            return delta;
        }

        private void ReadDeltaMembers(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, DeltaDto delta)
        {
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("content"u8)) ContentParts.Read(ref reader, delta);
                else if (reader.ValueTextEquals("tool_calls"u8)) delta.ToolCalls = ReadToolCalls(ref reader);
                else if (reader.ValueTextEquals("reasoning_content"u8)) delta.ReasoningContent = ReadText(ref reader);
                else if (reader.ValueTextEquals("reasoning"u8)) delta.Reasoning = ReadText(ref reader);
                else if (reader.ValueTextEquals("refusal"u8)) delta.Refusal = ReadText(ref reader);
                else if (reader.ValueTextEquals("reasoning_details"u8)) delta.ReasoningDetails = ReadRawJson(ref reader, data);
                else if (reader.ValueTextEquals("role"u8)) delta.Role = SkipValue(ref reader);
                else SkipValue(ref reader);
            }
        }

        /// <summary>Set while a chunk can still be remembered as a prefix; <see cref="Before"/> are the bytes before the reader's span.</summary>
        private readonly ref struct Resumable
        {
            public Resumable(ReadOnlySpan<byte> before)
            {
                Before = before;
                IsSet = true;
            }

            public ReadOnlySpan<byte> Before { get; }

            public bool IsSet { get; }
        }

        private List<ToolCallDeltaDto>? ReadToolCalls(ref Utf8JsonReader reader)
        {
            if (Next(ref reader) == JsonTokenType.Null) return null;
            Expect(ref reader, JsonTokenType.StartArray);
            var list = _toolCallLists.Take();
            list.Clear();
            while (Next(ref reader) != JsonTokenType.EndArray)
            {
                Expect(ref reader, JsonTokenType.StartObject);
                var call = _toolCalls.Take();
                call.Index = null;
                call.Id = null;
                call.Type = null;
                call.Function = null;
                while (Next(ref reader) == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("function"u8)) call.Function = ReadFunction(ref reader);
                    else if (reader.ValueTextEquals("index"u8)) call.Index = ReadInt(ref reader);
                    else if (reader.ValueTextEquals("id"u8)) call.Id = ReadId(ref reader);
                    else SkipValue(ref reader);
                }

                list.Add(call);
            }

            return list;
        }

        private FunctionDeltaDto? ReadFunction(ref Utf8JsonReader reader)
        {
            if (Next(ref reader) == JsonTokenType.Null) return null;
            Expect(ref reader, JsonTokenType.StartObject);
            var function = _functions.Take();
            function.Name = null;
            function.Arguments = null;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("arguments"u8)) function.Arguments = ReadArguments(ref reader);
                else if (reader.ValueTextEquals("name"u8)) function.Name = ReadString(ref reader);
                else SkipValue(ref reader);
            }

            return function;
        }

        private UsageDto? ReadUsage(ref Utf8JsonReader reader)
        {
            if (Next(ref reader) == JsonTokenType.Null) return null;
            Expect(ref reader, JsonTokenType.StartObject);
            var usage = _usages.Take();
            usage.PromptTokens = usage.CompletionTokens = usage.TotalTokens = null;
            usage.CompletionDetails = null;
            usage.PromptDetails = null;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("prompt_tokens"u8)) usage.PromptTokens = ReadInt(ref reader);
                else if (reader.ValueTextEquals("completion_tokens"u8)) usage.CompletionTokens = ReadInt(ref reader);
                else if (reader.ValueTextEquals("total_tokens"u8)) usage.TotalTokens = ReadInt(ref reader);
                else if (reader.ValueTextEquals("completion_tokens_details"u8)) usage.CompletionDetails = ReadDetails(ref reader, "reasoning_tokens"u8, out var reasoning) ? With(_completionDetails, reasoning) : null;
                else if (reader.ValueTextEquals("prompt_tokens_details"u8)) usage.PromptDetails = ReadDetails(ref reader, "cached_tokens"u8, out var cached) ? With(_promptDetails, cached) : null;
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

        private static string? ReadArguments(ref Utf8JsonReader reader)
        {
            Next(ref reader);
            switch (reader.TokenType)
            {
                case JsonTokenType.String: return StringValue(ref reader);
                case JsonTokenType.Null: return null;
                default:
                    // A few local servers send the arguments as a JSON object: keep its JSON text.
                    using (var document = JsonDocument.ParseValue(ref reader))
                    {
                        return document.RootElement.GetRawText();
                    }
            }
        }

        // An id is a string everywhere we know of; a number (some local servers) is kept as its text.
        private static string? ReadId(ref Utf8JsonReader reader)
        {
            Next(ref reader);
            switch (reader.TokenType)
            {
                case JsonTokenType.String: return StringValue(ref reader);
                case JsonTokenType.Number: return Encoding.UTF8.GetString(reader.ValueSpan.ToArray()); // one chunk is one contiguous span
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    reader.Skip();
                    return null;
                default: return null;
            }
        }

        // A text field some provider may one day send in another shape (an object with "text" or
        // "content", an array): the text is taken when there is one, anything else is skipped, never fatal.
        private static string? ReadText(ref Utf8JsonReader reader)
        {
            Next(ref reader);
            switch (reader.TokenType)
            {
                case JsonTokenType.String: return StringValue(ref reader);
                case JsonTokenType.StartObject:
                    using (var document = JsonDocument.ParseValue(ref reader))
                    {
                        var root = document.RootElement;
                        if (root.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String) return text.GetString();
                        if (root.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String) return content.GetString();
                        return null;
                    }

                case JsonTokenType.StartArray:
                    reader.Skip();
                    return null;
                default:
                    return null;
            }
        }

        // Kept as JSON text, cut straight from the chunk's bytes (the reader runs over exactly `data`);
        // only providers with structured reasoning send it, so the cost stays with them.
        private static string? ReadRawJson(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                // OpenRouter sends "reasoning_details": [] on almost every chunk: nothing to keep, nothing to allocate.
                var lookahead = reader;
                if (lookahead.Read() && lookahead.TokenType == JsonTokenType.EndArray)
                {
                    reader.Read();
                    return null;
                }
            }

            int start = (int)reader.TokenStartIndex;
            reader.Skip();
            return Encoding.UTF8.GetString(data.Slice(start, (int)reader.BytesConsumed - start).ToArray());
        }

        // System.Text.Json unescapes a string of more than 256 bytes with escapes into an array rented from
        // the shared ArrayPool, which keeps it for the life of the process: one 10 MB content delta with a
        // "\n" in it would leave a 16 MB array there. Long escaped strings are unescaped into our own array.
        internal static string? StringValue(ref Utf8JsonReader reader)
        {
            if (!reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length <= StructGen.Sse.BoundedArrayPool.MaxPooledLength)
            {
                return reader.GetString();
            }

            var unescaped = new byte[reader.ValueSpan.Length];
            int written = reader.CopyString(unescaped);
            return Encoding.UTF8.GetString(unescaped, 0, written);
        }

        private static string? ReadString(ref Utf8JsonReader reader)
        {
            Next(ref reader);
            switch (reader.TokenType)
            {
                case JsonTokenType.String: return StringValue(ref reader);
                case JsonTokenType.Null: return null;
                default: throw new JsonException("Expected a string or null but found " + reader.TokenType + ".");
            }
        }

        private static int? ReadInt(ref Utf8JsonReader reader)
        {
            Next(ref reader);
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    if (reader.TryGetInt32(out int number)) return number;
                    throw new JsonException("Expected a 32-bit integer but found a number outside that range or with a fraction.");
                case JsonTokenType.Null: return null;
                case JsonTokenType.String:
                    // Number handling AllowReadingFromString, as the source-generated context had.
                    var text = StringValue(ref reader);
                    if (int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int value)) return value;
                    throw new JsonException("Expected an integer but found \"" + text + "\".");
                default: throw new JsonException("Expected an integer but found " + reader.TokenType + ".");
            }
        }

        private static string? SkipValue(ref Utf8JsonReader reader)
        {
            Next(ref reader);
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
            return null;
        }

        private static JsonTokenType Next(ref Utf8JsonReader reader)
        {
            if (!reader.Read()) throw new JsonException("The chunk ended early.");
            return reader.TokenType;
        }

        private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
        {
            if (reader.TokenType == JsonTokenType.None) Next(ref reader);
            if (reader.TokenType != type) throw new JsonException("Expected " + type + " but found " + reader.TokenType + ".");
        }

        /// <summary>Instances reused across chunks: Take hands them out in order, Reset starts over.</summary>
        private sealed class Pool<T>
            where T : class, new()
        {
            private readonly List<T> _items = new List<T>();
            private int _used;

            public T Take()
            {
                if (_used == _items.Count) _items.Add(new T());
                return _items[_used++];
            }

            public void Reset() => _used = 0;
        }
    }
}
