using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using System.Threading;

namespace StructGen.Chat
{
    /// <summary>
    /// The assistant's text, streamed delta by delta. After enumeration, <see cref="Text"/>,
    /// <see cref="Usage"/> and <see cref="FinishReason"/> describe the whole response.
    /// </summary>
    public sealed class TextStream : IAsyncEnumerable<string>
    {
        private readonly ChatStream _stream;

        internal TextStream(ChatStream stream) => _stream = stream;

        /// <summary>Everything received (text, reasoning, usage, request id…).</summary>
        public ChatStreamState State => _stream.State;

        /// <summary>The text received so far.</summary>
        public string Text => _stream.State.Content;

        /// <summary>The usage, once reported.</summary>
        public ChatUsage? Usage => _stream.State.Usage;

        /// <summary>The finish reason, once the model finished.</summary>
        public FinishReason? FinishReason => _stream.State.FinishReason;

        /// <inheritdoc />
        public async IAsyncEnumerator<string> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            // The stream's pending step (the transport's socket read) is awaited here, so a paused stream holds no
            // async state machine of the chat stream's enumerator nor of the transport's.
            var updates = (ChatStream.Enumerator)_stream.GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    bool more;
                    while (!updates.TryMoveNext(out more, out var pending))
                    {
                        if (pending.IsRead)
                        {
                            int read;
                            try
                            {
                                read = await pending.Read.ConfigureAwait(false);
                            }
                            catch (Exception ex)
                            {
                                updates.FailRead(ex);
                                continue;
                            }

                            updates.ResumeRead(read);
                        }
                        else if (updates.Resume(await pending.Move.ConfigureAwait(false)))
                        {
                            more = true;
                            break;
                        }
                    }

                    if (!more) break;
                    var update = updates.Current;
                    if (update.Kind == ChatStreamUpdateKind.ContentDelta) yield return update.Text!;
                }
            }
            finally
            {
                await updates.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
