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
    internal sealed partial class ChunkReader
    {
        // One spare set of DTOs per thread: a reader takes it for a chunk and gives it back once the chunk has been
        // applied (Release), so thousands of streams waiting between chunks hold no DTOs (~950 B each).
        [ThreadStatic]
        private static Scratch? t_spare;

        // The same for the remembered chunk head: a reader holds it while its stream is busy, and gives it back (forgotten)
        // when the stream waits on the network (Rest), so thousands of paused streams hold none (~390 B each).
        [ThreadStatic]
        private static ChunkPrefix? t_sparePrefix;

        private ChunkPrefix? _prefix;
        private Scratch? _scratch;

        /// <summary>Bytes of the remembered leading members (0 when none): for tests.</summary>
        internal int RememberedPrefixLength => _prefix?.ChoicesLength ?? 0;

        /// <summary>Bytes up to the remembered first delta (0 when none): for tests.</summary>
        internal int RememberedDeltaPrefixLength => _prefix?.DeltaLength ?? 0;

        /// <summary>Bytes up to the remembered first tool call's function object (0 when none): for tests.</summary>
        internal int RememberedArgumentsPrefixLength => _prefix?.ArgumentsLength ?? 0;

        /// <summary>Whether the arguments point's state exists (tests: only streams with tool calls create it).</summary>
        internal bool HoldsArgumentsPoint => _prefix?.HoldsArgumentsPoint ?? false;

        /// <summary>Whether the reader holds a chunk head (between its first <see cref="Read"/> and <see cref="Rest"/>): for tests.</summary>
        internal bool HoldsPrefix => _prefix is not null;

        /// <summary>Whether the reader holds a set of DTOs (between <see cref="Read"/> and <see cref="Release"/>): for tests.</summary>
        internal bool HoldsDtos => _scratch is not null;

        /// <summary>Chunks read from a remembered prefix on: for tests.</summary>
        internal int PrefixHits { get; private set; }

        /// <summary>
        /// Reads a chunk. The returned object and everything it holds are valid until the next call.
        /// <paramref name="needIdentity"/> false skips creating the id and model strings (already known).
        /// </summary>
        public ChunkDto? Read(ReadOnlySpan<byte> data, bool needIdentity)
        {
            var scratch = _scratch;
            if (scratch is null)
            {
                scratch = t_spare ?? new Scratch();
                t_spare = null;
                _scratch = scratch;
            }

            var prefix = _prefix;
            if (prefix is null)
            {
                prefix = t_sparePrefix ?? new ChunkPrefix();
                t_sparePrefix = null;
                _prefix = prefix;
            }

            scratch.Reset();
            var chunk = scratch.Chunk;
            chunk.Id = null;
            chunk.Object = null;
            chunk.Model = null;
            chunk.Choices = null;
            chunk.Usage = null;
            chunk.Error = default;

            UsageDto? groqUsage = null;
            Utf8JsonReader reader;
            bool fromStart = false; // the reader's span starts at the chunk's first byte: a prefix can be remembered
            if (!needIdentity && prefix.MatchesArguments(data))
            {
                // Everything up to the first tool call's function object is byte for byte a chunk already read:
                // only the choice's and the call's indexes mattered there. Resume inside the function object.
                PrefixHits++;
                data = data.Slice(prefix.ArgumentsLength);
                reader = new Utf8JsonReader(data, isFinalBlock: true, prefix.ArgumentsState);
                var calls = _scratch!.ToolCallLists.Take();
                calls.Clear();
                var call = TakeToolCall();
                call.Index = prefix.ToolIndex;
                var function = TakeFunction();
                ReadFunctionMembers(ref reader, function);
                call.Function = function;
                ReadToolCallMembers(ref reader, data, call, default, null);
                calls.Add(call);
                ReadToolCallElements(ref reader, data, calls, default, null);
                var delta = TakeDelta();
                delta.ToolCalls = calls;
                chunk.Choices = ReadFromFirstDelta(ref reader, data, delta, prefix.ArgumentsChoiceIndex, default);
            }
            else if (!needIdentity && prefix.MatchesDelta(data))
            {
                // Everything up to the first choice's delta object is byte for byte a chunk already read: only the
                // choice's index mattered there. Resume inside the delta.
                PrefixHits++;
                var before = data.Slice(0, prefix.DeltaLength);
                data = data.Slice(prefix.DeltaLength);
                reader = new Utf8JsonReader(data, isFinalBlock: true, prefix.DeltaState);
                chunk.Choices = ReadFromFirstDelta(ref reader, data, TakeDelta(), prefix.ChoiceIndex, new Resumable(before));
            }
            else if (!needIdentity && prefix.MatchesChoices(data))
            {
                // The members before "choices" are byte for byte those of a chunk already read, which needed
                // nothing from them: resume the reader at "choices" instead of tokenizing them again.
                PrefixHits++;
                var before = data.Slice(0, prefix.ChoicesLength);
                data = data.Slice(prefix.ChoicesLength);
                reader = new Utf8JsonReader(data, isFinalBlock: true, prefix.ChoicesState);
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
                        prefix.RememberChoices(data, ref reader);
                        resumable = new Resumable(default);
                    }

                    chunk.Choices = ReadChoices(ref reader, data, resumable);
                }
                else if (reader.ValueTextEquals("usage"u8)) chunk.Usage = ReadUsage(ref reader);
                else if (reader.ValueTextEquals("x_groq"u8)) groqUsage = ReadGroqUsage(ref reader);
                else if (reader.ValueTextEquals("id"u8)) chunk.Id = needIdentity ? ReadId(ref reader) : SkipValue(ref reader);
                else if (reader.ValueTextEquals("model"u8)) chunk.Model = needIdentity ? ReadModel(ref reader) : SkipValue(ref reader);
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

        // Finishes a chunk resumed inside its first choice's delta: the rest of that delta, of the choice
        // (whose index the prefix replays) and of the choice list.
        private List<ChoiceDto> ReadFromFirstDelta(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, DeltaDto delta, int? choiceIndex, Resumable resumable)
        {
            ReadDeltaMembers(ref reader, data, delta, resumable, choiceIndex);
            var choice = TakeChoice();
            choice.Index = choiceIndex;
            choice.Delta = delta;
            ReadChoiceMembers(ref reader, data, choice, default);
            var list = _scratch!.ChoiceLists.Take();
            list.Clear();
            list.Add(choice);
            ReadChoiceElements(ref reader, data, list, default);
            return list;
        }

        // `resumable` is set while nothing read so far in the chunk mattered except what a prefix can replay:
        // then the first choice's delta object is a point to resume later chunks at.
        private List<ChoiceDto>? ReadChoices(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, Resumable resumable)
        {
            if (Next(ref reader) == JsonTokenType.Null) return null;
            Expect(ref reader, JsonTokenType.StartArray);
            var list = _scratch!.ChoiceLists.Take();
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
            var choice = _scratch!.Choices.Take();
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
                    if (resumable.IsSet) _prefix!.RememberDelta(resumable.Before, data, ref reader, choice.Index);
                    var delta = TakeDelta();
                    ReadDeltaMembers(ref reader, data, delta, resumable, choice.Index);
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
            ReadDeltaMembers(ref reader, data, delta, default, null);
            return delta;
        }

        private DeltaDto TakeDelta()
        {
            var delta = _scratch!.Deltas.Take();
            delta.Role = null;
            delta.Content = null;
            delta.ReasoningContent = null;
            delta.Reasoning = null;
            delta.Refusal = null;
            delta.ReasoningDetails = null;
            delta.ToolCalls = null;
            return delta;
        }

        // With `resumable` set (the delta's `{` was a resume point), a delta whose first member is "tool_calls"
        // offers its first call's function object as the next one.
        private void ReadDeltaMembers(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, DeltaDto delta, Resumable resumable, int? choiceIndex)
        {
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("content"u8)) ContentParts.Read(ref reader, delta);
                else if (reader.ValueTextEquals("tool_calls"u8)) delta.ToolCalls = ReadToolCalls(ref reader, data, resumable, choiceIndex);
                else if (reader.ValueTextEquals("reasoning_content"u8)) delta.ReasoningContent = ReadText(ref reader);
                else if (reader.ValueTextEquals("reasoning"u8)) delta.Reasoning = ReadText(ref reader);
                else if (reader.ValueTextEquals("refusal"u8)) delta.Refusal = ReadText(ref reader);
                else if (reader.ValueTextEquals("reasoning_details"u8)) delta.ReasoningDetails = ReadRawJson(ref reader, data);
                else if (reader.ValueTextEquals("role"u8)) delta.Role = SkipValue(ref reader);
                else SkipValue(ref reader);
                resumable = default;
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

        private List<ToolCallDeltaDto>? ReadToolCalls(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, Resumable resumable, int? choiceIndex)
        {
            if (Next(ref reader) == JsonTokenType.Null) return null;
            Expect(ref reader, JsonTokenType.StartArray);
            var list = _scratch!.ToolCallLists.Take();
            list.Clear();
            ReadToolCallElements(ref reader, data, list, resumable, choiceIndex);
            return list;
        }

        private void ReadToolCallElements(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, List<ToolCallDeltaDto> list, Resumable resumable, int? choiceIndex)
        {
            while (Next(ref reader) != JsonTokenType.EndArray)
            {
                Expect(ref reader, JsonTokenType.StartObject);
                var call = TakeToolCall();
                ReadToolCallMembers(ref reader, data, call, list.Count == 0 ? resumable : default, choiceIndex);
                list.Add(call);
            }
        }

        private ToolCallDeltaDto TakeToolCall()
        {
            var call = _scratch!.ToolCalls.Take();
            call.Index = null;
            call.Id = null;
            call.Type = null;
            call.Function = null;
            return call;
        }

        private void ReadToolCallMembers(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, ToolCallDeltaDto call, Resumable resumable, int? choiceIndex)
        {
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("function"u8))
                {
                    if (Next(ref reader) == JsonTokenType.Null)
                    {
                        call.Function = null;
                    }
                    else
                    {
                        Expect(ref reader, JsonTokenType.StartObject);
                        if (resumable.IsSet) _prefix!.RememberArguments(resumable.Before, data, ref reader, choiceIndex, call.Index);
                        var function = TakeFunction();
                        ReadFunctionMembers(ref reader, function);
                        call.Function = function;
                    }
                }
                else if (reader.ValueTextEquals("index"u8))
                {
                    call.Index = ReadInt(ref reader);
                    continue; // the index is replayed by the prefix: still resumable
                }
                else if (reader.ValueTextEquals("id"u8)) call.Id = ReadId(ref reader);
                else SkipValue(ref reader);
                resumable = default;
            }
        }

        private FunctionDeltaDto TakeFunction()
        {
            var function = _scratch!.Functions.Take();
            function.Name = null;
            function.Arguments = null;
            return function;
        }

        private static void ReadFunctionMembers(ref Utf8JsonReader reader, FunctionDeltaDto function)
        {
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("arguments"u8)) function.Arguments = ReadArguments(ref reader);
                else if (reader.ValueTextEquals("name"u8)) function.Name = ReadString(ref reader);
                else SkipValue(ref reader);
            }
        }

        /// <summary>
        /// Ends the use of the last chunk read (it and everything it holds must not be touched after this): its DTOs
        /// go back to the thread's spare set for the next reader. Reading again without a release is fine too.
        /// </summary>
        public void Release()
        {
            var scratch = _scratch;
            if (scratch is null) return;
            _scratch = null;
            scratch.Forget();
            t_spare = scratch;
        }

        /// <summary>
        /// The stream waits on the network: forgets the remembered chunk head and gives it to the thread's spare. The
        /// first chunk after the wait is read in full and remembered again. What that costs is one chunk's head read in
        /// full per wait, which a wait (a network round of milliseconds) dwarfs; where it pays, chunks arrive faster
        /// than they are read and no read waits.
        /// </summary>
        public void Rest()
        {
            var prefix = _prefix;
            if (prefix is null) return;
            _prefix = null;
            prefix.Forget();
            t_sparePrefix = prefix;
        }

        /// <summary>The DTOs one chunk is read into, reused from chunk to chunk.</summary>
        private sealed class Scratch
        {
            public readonly ChunkDto Chunk = new ChunkDto();
            public readonly Pool<ChoiceDto> Choices = new Pool<ChoiceDto>();
            public readonly Pool<DeltaDto> Deltas = new Pool<DeltaDto>();
            public readonly Pool<ToolCallDeltaDto> ToolCalls = new Pool<ToolCallDeltaDto>();
            public readonly Pool<FunctionDeltaDto> Functions = new Pool<FunctionDeltaDto>();
            public readonly Pool<UsageDto> Usages = new Pool<UsageDto>();
            public readonly Pool<List<ChoiceDto>> ChoiceLists = new Pool<List<ChoiceDto>>();
            public readonly Pool<List<ToolCallDeltaDto>> ToolCallLists = new Pool<List<ToolCallDeltaDto>>();
            public readonly CompletionDetailsDto CompletionDetails = new CompletionDetailsDto();
            public readonly PromptDetailsDto PromptDetails = new PromptDetailsDto();

            public void Reset()
            {
                Choices.Reset();
                Deltas.Reset();
                ToolCalls.Reset();
                Functions.Reset();
                Usages.Reset();
                ChoiceLists.Reset();
                ToolCallLists.Reset();
            }

            /// <summary>Drops the chunk's top-level references, so a spare set keeps no stream's strings reachable through them.</summary>
            public void Forget()
            {
                Chunk.Id = null;
                Chunk.Object = null;
                Chunk.Model = null;
                Chunk.Choices = null;
                Chunk.Usage = null;
                Chunk.Error = default;
            }
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
