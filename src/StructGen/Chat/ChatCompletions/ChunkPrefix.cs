using System;
using System.Text.Json;

namespace StructGen.Chat
{
    /// <summary>
    /// The leading bytes of a chunk up to three points where reading can resume, and the reader state at each.
    /// Chat-completion chunks of one stream repeat their leading members (<c>id</c>, <c>object</c>,
    /// <c>created</c>, <c>model</c>, <c>system_fingerprint</c>…), the head of their first choice
    /// (<c>"choices":[{"index":0,"delta":{</c>) and, while a tool call's arguments stream, the head of that call
    /// (<c>"tool_calls":[{"index":0,"function":{</c>) byte for byte: about half the tokens of a small chunk. A
    /// chunk that starts with the same bytes is read from the furthest matching point on. Identical bytes are
    /// identical tokens, and a point is only remembered where what came before it is known (see
    /// <see cref="ChunkReader"/>), so this changes nothing a full read would see.
    /// </summary>
    /// <remarks>
    /// One array holds all three prefixes: each point is only ever remembered in a chunk that starts with the
    /// previous point's prefix, so its bytes extend those; remembering a point forgets the ones after it. A reader
    /// holds one only while its stream is busy: once the stream waits on the network it is forgotten and given to
    /// the thread's spare (see <see cref="ChunkReader.Rest"/>), array and all, so an open stream keeps none of it.
    /// The arguments point (tool calls only) is created when first remembered; indices are stored without
    /// <see cref="Nullable{T}"/>'s padding.
    /// </remarks>
    internal sealed class ChunkPrefix
    {
        // Past this the prefix is not one of the usual small envelopes: not worth keeping a copy.
        private const int MaxLength = 1024;

        // "No index was read before this point". A chunk whose index really is int.MinValue is not remembered.
        private const int NoIndex = int.MinValue;

        // Null until a point is remembered.
        private byte[]? _bytes;

        // Meaningful only while DeltaLength > 0 (set with it).
        private int _choiceIndex;
        private ArgumentsPoint? _arguments;

        /// <summary>Bytes up to just after the <c>"choices"</c> member name; 0 when none is known.</summary>
        public int ChoicesLength { get; private set; }

        /// <summary>The reader state after the <c>"choices"</c> member name.</summary>
        public JsonReaderState ChoicesState { get; private set; }

        /// <summary>Bytes up to just inside the first choice's <c>delta</c> object; 0 when none is known.</summary>
        public int DeltaLength { get; private set; }

        /// <summary>The reader state just inside the first choice's <c>delta</c> object.</summary>
        public JsonReaderState DeltaState { get; private set; }

        /// <summary>The first choice's index read before the delta point, if any.</summary>
        public int? ChoiceIndex => Index(_choiceIndex);

        /// <summary>Bytes up to just inside the first tool call's <c>function</c> object; 0 when none is known.</summary>
        public int ArgumentsLength => _arguments?.Length ?? 0;

        /// <summary>The reader state just inside the first tool call's <c>function</c> object.</summary>
        public JsonReaderState ArgumentsState => _arguments?.State ?? default;

        /// <summary>The first choice's index read before the arguments point, if any.</summary>
        public int? ArgumentsChoiceIndex => Index(_arguments?.ChoiceIndex ?? NoIndex);

        /// <summary>Whether an arguments point was ever remembered (its state is created then).</summary>
        internal bool HoldsArgumentsPoint => _arguments is not null;

        /// <summary>The first tool call's index read before the arguments point, if any.</summary>
        public int? ToolIndex => Index(_arguments?.ToolIndex ?? NoIndex);

        public bool MatchesArguments(ReadOnlySpan<byte> data) => Matches(data, ArgumentsLength);

        public bool MatchesDelta(ReadOnlySpan<byte> data) => Matches(data, DeltaLength);

        public bool MatchesChoices(ReadOnlySpan<byte> data) => Matches(data, ChoicesLength);

        /// <summary>Keeps <paramref name="data"/> (a chunk from its first byte) up to where <paramref name="reader"/> stands.</summary>
        public void RememberChoices(ReadOnlySpan<byte> data, ref Utf8JsonReader reader)
        {
            DeltaLength = 0;
            ForgetArguments();
            int length = (int)reader.BytesConsumed;
            if (length > MaxLength)
            {
                ChoicesLength = 0;
                return;
            }

            if (_bytes is null || _bytes.Length < length) _bytes = new byte[length];
            data.Slice(0, length).CopyTo(_bytes);
            ChoicesLength = length;
            ChoicesState = reader.CurrentState;
        }

        /// <summary>
        /// Keeps the bytes up to where <paramref name="reader"/> stands as the delta point: <paramref name="before"/>
        /// (what precedes the reader's span in the chunk: empty, or the prefix it matched) followed by the part of
        /// <paramref name="data"/> the reader consumed.
        /// </summary>
        public void RememberDelta(ReadOnlySpan<byte> before, ReadOnlySpan<byte> data, ref Utf8JsonReader reader, int? choiceIndex)
        {
            ForgetArguments();
            DeltaLength = choiceIndex == NoIndex ? 0 : Keep(before, data, ref reader);
            DeltaState = reader.CurrentState;
            _choiceIndex = choiceIndex ?? NoIndex;
        }

        /// <summary>As <see cref="RememberDelta"/>, for the arguments point.</summary>
        public void RememberArguments(ReadOnlySpan<byte> before, ReadOnlySpan<byte> data, ref Utf8JsonReader reader, int? choiceIndex, int? toolIndex)
        {
            var point = _arguments ??= new ArgumentsPoint();
            point.Length = choiceIndex == NoIndex || toolIndex == NoIndex ? 0 : Keep(before, data, ref reader);
            point.State = reader.CurrentState;
            point.ChoiceIndex = choiceIndex ?? NoIndex;
            point.ToolIndex = toolIndex ?? NoIndex;
        }

        /// <summary>Forgets every point (the array and the arguments point's object are kept for reuse).</summary>
        public void Forget()
        {
            ChoicesLength = 0;
            DeltaLength = 0;
            ForgetArguments();
        }

        private static int? Index(int stored) => stored == NoIndex ? null : stored;

        private void ForgetArguments()
        {
            if (_arguments is not null) _arguments.Length = 0;
        }

        // Copies the consumed bytes after `before` (already in the array: the chunk matched them) and returns the
        // prefix length, or 0 past MaxLength.
        private int Keep(ReadOnlySpan<byte> before, ReadOnlySpan<byte> data, ref Utf8JsonReader reader)
        {
            int consumed = (int)reader.BytesConsumed;
            int length = before.Length + consumed;
            if (length > MaxLength) return 0;
            if (_bytes is null || _bytes.Length < length)
            {
                var grown = new byte[length];
                _bytes.AsSpan(0, before.Length).CopyTo(grown);
                _bytes = grown;
            }

            data.Slice(0, consumed).CopyTo(_bytes.AsSpan(before.Length));
            return length;
        }

        private bool Matches(ReadOnlySpan<byte> data, int length) =>
            length > 0 && data.Length > length && data.StartsWith(_bytes.AsSpan(0, length));

        // The arguments point: only streams with tool calls reach it.
        private sealed class ArgumentsPoint
        {
            public int Length;
            public JsonReaderState State;
            public int ChoiceIndex;
            public int ToolIndex;
        }
    }
}
