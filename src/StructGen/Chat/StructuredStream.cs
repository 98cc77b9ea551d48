using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Streaming;
using StructGen.Streaming.Generated;

namespace StructGen.Chat
{
    /// <summary>
    /// A structured response streamed as typed partials: each item is an immutable snapshot that
    /// shows the value filling in, published only when something visible changed. After the stream
    /// ends, <see cref="Result"/> holds the final validated value.
    /// </summary>
    /// <typeparam name="T">The structured-output type.</typeparam>
    /// <typeparam name="TPartial">Its generated partial type.</typeparam>
    public sealed partial class StructuredStream<T, TPartial> : IAsyncEnumerable<TPartial>, ChatStreamState.IContentText
        where TPartial : class
    {
        private readonly ChatStream _stream;
        private StructuredResult<T>? _result;

        private readonly bool _forcedTool;

        // The policy, or a ClockedPublication once a test replaced the clock: one field for the two, as an open stream keeps it.
        private object _publication;

        internal StructuredStream(ChatStream stream, StreamingParser<T, TPartial> parser, bool forcedTool, PartialPublication? publication = null)
        {
            _stream = stream;
            Parser = parser;
            _forcedTool = forcedTool;
            _publication = publication ?? PartialPublication.EveryDelta;

            // Every content delta goes to the parser (see IsStructuredText), which keeps the text: one copy, not two.
            if (!forcedTool) stream.State.ShareContent(this);
        }

        string ChatStreamState.IContentText.Text => Parser.Text;

        /// <summary>The time source of the interval policy (tests replace it to run without sleeping).</summary>
        /// <remarks>Kept with the policy rather than in a field of its own: an open stream holds one reference fewer.</remarks>
        internal PublicationClock Clock
        {
            get => _publication is ClockedPublication clocked ? clocked.Clock : PublicationClock.System;
            set => _publication = new ClockedPublication(Publication, value);
        }

        private PartialPublication Publication => _publication as PartialPublication ?? ((ClockedPublication)_publication).Policy;

        /// <summary>The parser assembling the value (its <c>Current</c> is the latest partial).</summary>
        public StreamingParser<T, TPartial> Parser { get; }

        /// <summary>Everything the stream delivered so far.</summary>
        public ChatStreamState State => _stream.State;

        /// <summary>The usage, once reported.</summary>
        public ChatUsage? Usage => _stream.State.Usage;

        /// <summary>The finish reason, once the model finished.</summary>
        public FinishReason? FinishReason => _stream.State.FinishReason;

        /// <summary>The text the value was read from: the content, or the forced tool call's arguments.</summary>
        public string StructuredText => !_forcedTool ? State.Content : State.ToolCallCount > 0 ? State.ToolCalls[0].Arguments : string.Empty;

        /// <summary>The final result; available once enumeration completed.</summary>
        /// <exception cref="InvalidOperationException">The stream has not been read to the end.</exception>
        public StructuredResult<T> Result => _result ?? throw new InvalidOperationException("The result is available once the stream has been read to the end (or use GetResultAsync).");

        /// <summary>Reads the stream to the end (if not already) and returns the final result.</summary>
        public async Task<StructuredResult<T>> GetResultAsync(CancellationToken cancellationToken = default)
        {
            if (_result is null)
            {
                await foreach (var _ in this.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                }
            }

            return Result;
        }

        /// <summary>
        /// Streams the elements of one list member as each closes, validated, so a UI can render
        /// items one by one. Reads the same stream: use it instead of enumerating the partials.
        /// Generated <c>{Member}ElementsAsync()</c> methods call this with the right list.
        /// </summary>
        /// <param name="selectList">Picks the list node from the root node (null until the list starts).</param>
        /// <param name="cancellationToken">Cancels the stream.</param>
        public async IAsyncEnumerable<TElement> ElementsAsync<TElement, TElementSnapshot>(
            Func<PartialNode<T, TPartial>, ListNode<TElement, TElementSnapshot>?> selectList,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (selectList is null) throw new ArgumentNullException(nameof(selectList));
            int yielded = 0;

            // Elements are yielded as each closes, whatever the stream's publication policy.
            var partials = new EveryDeltaEnumerator(this, cancellationToken);
            try
            {
                while (await partials.MoveNextAsync().ConfigureAwait(false))
                {
                    var list = selectList(Parser.Root);
                    if (list is null) continue;
                    while (yielded < list.CompletedCount) yield return list.CompletedValue(yielded++);
                }
            }
            finally
            {
                await partials.DisposeAsync().ConfigureAwait(false);
            }
        }

        /// <inheritdoc />
        public IAsyncEnumerator<TPartial> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            var policy = Publication;
            return policy.Kind == PartialPublicationKind.EveryDelta ? new EveryDeltaEnumerator(this, cancellationToken) : BatchedAsync(policy, cancellationToken);
        }

        // Gives a structured-text delta to the parser; false for any other update.
        private bool Apply(ChatStreamUpdate update)
        {
            if (!IsStructuredText(update)) return false;
            Parser.Apply(update.Text.AsSpan());
            return true;
        }

        /// <summary>The batching policies: once per batch of deltas already received, or at most once per interval.</summary>
        private async IAsyncEnumerator<TPartial> BatchedAsync(PartialPublication policy, CancellationToken cancellationToken)
        {
            var kind = policy.Kind;

            // The interval policy may publish while a read is still pending: leaving early must cancel that read.
            using var life = kind == PartialPublicationKind.Interval ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken) : null;
            IAsyncEnumerator<ChatStreamUpdate>? updates = _stream.GetAsyncEnumerator(life?.Token ?? cancellationToken);
            var clock = kind == PartialPublicationKind.Interval ? Clock : null;
            TimeSpan? lastPublished = null;
            Task<bool>? inFlight = null;
            Task? timer = null;
            ValueTask<bool> next = default;

            // A partial is out while the next move waits on the network: leaving now must stop that move first.
            bool publishedWhileWaiting = false;
            try
            {
                while (true)
                {
                    bool more;
                    next = updates.MoveNextAsync();
                    if (!next.IsCompleted && Parser.HasPendingChanges)
                    {
                        // Everything already received is applied and the stream is about to wait for the network.
                        var due = clock is null || lastPublished is null ? TimeSpan.Zero : lastPublished.Value + policy.Interval - clock.Now;
                        if (due <= TimeSpan.Zero)
                        {
                            timer = null;
                            lastPublished = clock?.Now;
                            if (Parser.PublishPending())
                            {
                                publishedWhileWaiting = true;
                                yield return Parser.Current!;
                                publishedWhileWaiting = false;
                            }
                        }
                        else
                        {
                            inFlight = next.AsTask();

                            // One timer per interval, kept across waits until it fires or a partial is published.
                            timer ??= clock!.Delay(due, life!.Token);
                            if (await Task.WhenAny(inFlight, timer).ConfigureAwait(false) != inFlight)
                            {
                                timer = null;
                                lastPublished = clock!.Now;
                                if (Parser.PublishPending()) yield return Parser.Current!;
                            }

                            next = new ValueTask<bool>(inFlight);
                        }
                    }

                    // Awaited here rather than in a helper: a paused stream holds one async state machine fewer.
                    try
                    {
                        if (!next.IsCompleted) Parser.Rest();
                        more = await next.ConfigureAwait(false);
                    }
                    catch (ChatStreamException ex) when (ex.PartialValue is null)
                    {
                        KeepPartial(ex);
                        throw;
                    }

                    inFlight = null;
                    if (!more) break;
                    var update = updates.Current;
                    if (Apply(update))
                    {
                        // The interval first: asking for changes reads the applied deltas, which can wait until a partial is due.
                        if (clock is not null && (lastPublished is null || clock.Now - lastPublished.Value >= policy.Interval) && Parser.HasPendingChanges)
                        {
                            timer = null;
                            lastPublished = clock.Now;
                            if (Parser.PublishPending()) yield return Parser.Current!;
                        }
                    }
                    else if (update.Kind == ChatStreamUpdateKind.Finished)
                    {
                        // Everything received is shown before a failure (length, content filter) is thrown. The state's
                        // finish reason is this update's (only the first finish is published), and reading it there keeps
                        // the update out of this iterator's state.
                        if (Parser.PublishPending()) yield return Parser.Current!;
                        ThrowIfUnusable(_stream.State.FinishReason);
                    }
                }
            }
            finally
            {
                if (inFlight is not null)
                {
                    // Left while a read was pending (only after a partial the interval's timer published).
                    life!.Cancel();
                    try
                    {
                        await inFlight.ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is OperationCanceledException or ChatStreamException)
                    {
                        // The read was abandoned on purpose.
                    }
                }
                else if (publishedWhileWaiting)
                {
                    // Left at a partial published while the next move waited: a source cannot be disposed under a pending
                    // move (our transport's read fills the source's buffer), so the move is stopped and awaited first.
                    life?.Cancel();
                    if (((ChatStream.Enumerator)updates).Abandon() || life is not null)
                    {
                        try
                        {
                            await next.ConfigureAwait(false);
                        }
                        catch (Exception ex) when (ex is OperationCanceledException or ChatStreamException)
                        {
                            // The read was abandoned on purpose.
                        }
                    }
                    else
                    {
                        // A source that is not ours, under no token this iterator can cancel: it is disposed once its
                        // move returns, without keeping the caller waiting for the source's next update.
                        _ = DisposeWhenMovedAsync(next, updates);
                        updates = null;
                    }
                }

                if (updates is not null) await updates.DisposeAsync().ConfigureAwait(false);
            }

            if (Parser.PublishPending()) yield return Parser.Current!;
            ThrowIfUnusable(_stream.State.FinishReason);
            _result = new StructuredResult<T>(Parser.Complete(), _stream.State);
        }

        private static async Task DisposeWhenMovedAsync(ValueTask<bool> move, IAsyncEnumerator<ChatStreamUpdate> updates)
        {
            try
            {
                await move.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not null)
            {
                // Left on purpose: what the abandoned move brought or threw is not anyone's any more.
            }
            finally
            {
                await updates.DisposeAsync().ConfigureAwait(false);
            }
        }

        private sealed class ClockedPublication
        {
            public ClockedPublication(PartialPublication policy, PublicationClock clock)
            {
                Policy = policy;
                Clock = clock;
            }

            public PartialPublication Policy { get; }

            public PublicationClock Clock { get; }
        }

        // A failure of the stream (truncated, dropped, provider error, timeout) carries the last partial too, with
        // everything received (a batching policy may not have published it yet).
        private void KeepPartial(ChatStreamException ex)
        {
            Parser.PublishPending();
            ex.PartialValue = Parser.Current;
        }

        // With a forced tool call the value arrives as the function's argument deltas, not content.
        private bool IsStructuredText(ChatStreamUpdate update) => !_forcedTool
            ? update.Kind == ChatStreamUpdateKind.ContentDelta
            : update.Kind == ChatStreamUpdateKind.ToolCallArgumentsDelta && update.ToolCallIndex == 0;

        private void ThrowIfUnusable(FinishReason? finishReason)
        {
            var state = _stream.State;
            if (finishReason?.Kind == FinishKind.Length)
            {
                throw new ChatStreamException(ChatStreamFailure.Length, "The model hit the token limit (finish reason: " + finishReason.Value + ") before finishing the structured output; raise max_completion_tokens/max_tokens. The partial value is in PartialValue.", state) { PartialValue = Parser.Current };
            }

            if (finishReason?.Kind == FinishKind.ContentFilter)
            {
                throw new ChatStreamException(ChatStreamFailure.ContentFilter, "The provider's content filter stopped the output (finish reason: " + finishReason.Value + "). The partial value is in PartialValue.", state) { PartialValue = Parser.Current };
            }

            if ((state.Refusal.Length > 0 || finishReason?.Kind == FinishKind.Refusal) && state.ContentLength == 0 && state.ToolCallCount == 0 && finishReason is not null)
            {
                throw new ChatStreamException(ChatStreamFailure.Refusal, "The model refused: " + (state.Refusal.Length > 0 ? state.Refusal : "(finish reason " + finishReason!.Value + ")"), state);
            }
        }
    }
}
