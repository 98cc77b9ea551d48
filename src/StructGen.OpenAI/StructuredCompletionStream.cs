using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;
using StructGen.Streaming;
using StructGen.Streaming.Generated;

namespace StructGen.OpenAI
{
    /// <summary>
    /// Typed partials from <c>CompleteChatStreamingAsync</c>: the <see cref="StreamingChatCompletionUpdate.ContentUpdate"/>
    /// text of each update is fed to the generated parser, and a new immutable partial is yielded whenever
    /// something visible changed (at most one per update). After the stream ends, <see cref="Result"/>
    /// holds the validated value. Enumerate once.
    /// </summary>
    /// <typeparam name="T">The structured-output type.</typeparam>
    /// <typeparam name="TPartial">Its generated partial type.</typeparam>
    public sealed class StructuredCompletionStream<T, TPartial> : IAsyncEnumerable<TPartial>
        where TPartial : class
    {
        private readonly IAsyncEnumerable<StreamingChatCompletionUpdate> _updates;
        private readonly StringBuilder _refusal = new StringBuilder();
        private StructuredCompletionResult<T>? _result;
        private int _started;

        internal StructuredCompletionStream(IAsyncEnumerable<StreamingChatCompletionUpdate> updates, StreamingParser<T, TPartial> parser)
        {
            _updates = updates;
            Parser = parser;
        }

        /// <summary>The parser assembling the value (its <c>Current</c> is the latest partial).</summary>
        public StreamingParser<T, TPartial> Parser { get; }

        /// <summary>The token usage, once reported (the last chunk, with <c>include_usage</c>).</summary>
        public ChatTokenUsage? Usage { get; private set; }

        /// <summary>The finish reason, once the model finished.</summary>
        public ChatFinishReason? FinishReason { get; private set; }

        /// <summary>The completion id, once received.</summary>
        public string? CompletionId { get; private set; }

        /// <summary>The model that answers, once received.</summary>
        public string? Model { get; private set; }

        /// <summary>The refusal text received so far (empty unless the model refuses).</summary>
        public string Refusal => _refusal.ToString();

        /// <summary>The final result; available once enumeration completed.</summary>
        /// <exception cref="InvalidOperationException">The stream has not been read to the end.</exception>
        public StructuredCompletionResult<T> Result => _result ?? throw new InvalidOperationException("The result is available once the stream has been read to the end (or use GetResultAsync).");

        /// <summary>Reads the stream to the end (if not already) and returns the final result.</summary>
        /// <param name="cancellationToken">Cancels the stream.</param>
        public async Task<StructuredCompletionResult<T>> GetResultAsync(CancellationToken cancellationToken = default)
        {
            if (_result is null)
            {
                await foreach (var _ in this.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                }
            }

            return Result;
        }

        /// <inheritdoc />
        public async IAsyncEnumerator<TPartial> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _started, 1) != 0) throw new InvalidOperationException("A structured completion stream can be enumerated only once.");

            await foreach (var update in _updates.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                CompletionId ??= update.CompletionId;
                Model ??= update.Model;
                if (update.Usage is not null) Usage = update.Usage;
                if (update.FinishReason.HasValue) FinishReason = update.FinishReason;
                if (!string.IsNullOrEmpty(update.RefusalUpdate)) _refusal.Append(update.RefusalUpdate);

                bool published = false;
                foreach (var part in update.ContentUpdate)
                {
                    if (part.Kind == ChatMessageContentPartKind.Text && !string.IsNullOrEmpty(part.Text))
                    {
                        published |= Parser.Append(part.Text);
                    }
                }

                if (published) yield return Parser.Current!;
            }

            StructuredCompletionException.ThrowIfUnusable(FinishReason, Parser.Text, Refusal, Parser.Current);
            _result = new StructuredCompletionResult<T>(Parser.Complete(), Parser.Text, FinishReason, Usage, CompletionId, Model);
        }
    }
}
