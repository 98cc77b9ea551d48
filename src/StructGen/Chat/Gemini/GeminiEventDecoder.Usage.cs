using System;
using System.Collections.Generic;

namespace StructGen.Chat
{
    // Gemini repeats its cumulative usageMetadata in every chunk, and the counts change as it writes. Publishing
    // each one cost an object and an update per event for a value only the last report decides (the state keeps
    // the last). So the first report goes out at once (the prompt count, as Messages' message_start gives it),
    // later ones are held as plain counts and published once: just before the finish, at the end of the stream,
    // or at once after the finish. Both read paths report through here, so they stay identical.
    internal sealed partial class GeminiEventDecoder
    {
        private UsageCounts _published;
        private UsageCounts _pending;
        private bool _anyPublished;
        private bool _hasPending;

        private void ReportUsage(in UsageCounts counts, List<ChatStreamUpdate> updates)
        {
            if (_anyPublished && !_finished)
            {
                _pending = counts;
                _hasPending = !counts.Equals(_published);
                return;
            }

            if (_anyPublished && counts.Equals(_published)) return;
            Publish(counts, updates);
        }

        /// <summary>Publishes the held report, if it differs from the last one published.</summary>
        private void PublishPendingUsage(List<ChatStreamUpdate> updates)
        {
            if (!_hasPending) return;
            _hasPending = false;
            Publish(_pending, updates);
        }

        private void Publish(in UsageCounts counts, List<ChatStreamUpdate> updates)
        {
            _anyPublished = true;
            _published = counts;
            updates.Add(ChatStreamUpdate.UsageReported(new ChatUsage(counts.Prompt, counts.Candidates, counts.Total, counts.Thoughts, counts.Cached)));
        }

        // Counts are cumulative; candidatesTokenCount excludes thoughts, which Thoughts carries; the total is as sent.
        private readonly struct UsageCounts : IEquatable<UsageCounts>
        {
            public UsageCounts(int prompt, int candidates, int total, int? thoughts, int? cached)
            {
                Prompt = prompt;
                Candidates = candidates;
                Total = total;
                Thoughts = thoughts;
                Cached = cached;
            }

            public int Prompt { get; }

            public int Candidates { get; }

            public int Total { get; }

            public int? Thoughts { get; }

            public int? Cached { get; }

            public bool Equals(UsageCounts other) =>
                Prompt == other.Prompt && Candidates == other.Candidates && Total == other.Total && Thoughts == other.Thoughts && Cached == other.Cached;

            public override bool Equals(object? obj) => obj is UsageCounts other && Equals(other);

            public override int GetHashCode() => (Prompt, Candidates, Total, Thoughts, Cached).GetHashCode();
        }
    }
}
