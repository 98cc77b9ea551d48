using System.Collections.Generic;
using System.Text;
using StructGen.Sse;

namespace StructGen.Tests.Sse
{
    /// <summary>
    /// A deliberately naive, string-based transcription of the WHATWG "event stream interpretation" steps.
    /// Slow and allocating, but easy to check against the spec; the randomized tests compare the reader with it.
    /// </summary>
    internal static class SseReferenceParser
    {
        public static List<SseEvent> Parse(string text)
        {
            var events = new List<SseEvent>();
            if (text.StartsWith('\uFEFF'))
            {
                text = text.Substring(1);
            }

            var data = new StringBuilder();
            string eventType = "";
            string? lastEventIdBuffer = null;
            string? lastEventId = null;
            int? retry = null;
            int position = 0;
            while (TryReadLine(text, ref position, out string line))
            {
                if (line.Length == 0)
                {
                    lastEventId = lastEventIdBuffer;
                    if (data.Length == 0)
                    {
                        eventType = "";
                        continue;
                    }

                    string value = data.ToString(0, data.Length - 1);
                    events.Add(new SseEvent(eventType.Length == 0 ? "message" : eventType, value, lastEventId, retry));
                    data.Clear();
                    eventType = "";
                    continue;
                }

                if (line[0] == ':')
                {
                    continue;
                }

                int colon = line.IndexOf(':');
                string field = colon < 0 ? line : line.Substring(0, colon);
                string fieldValue = colon < 0 ? "" : line.Substring(colon + 1);
                if (fieldValue.StartsWith(' '))
                {
                    fieldValue = fieldValue.Substring(1);
                }

                switch (field)
                {
                    case "event":
                        eventType = fieldValue;
                        break;
                    case "data":
                        data.Append(fieldValue).Append('\n');
                        break;
                    case "id":
                        if (!fieldValue.Contains('\0'))
                        {
                            lastEventIdBuffer = fieldValue;
                        }

                        break;
                    case "retry":
                        if (fieldValue.Length > 0 && IsAsciiDigits(fieldValue))
                        {
                            retry = long.TryParse(fieldValue, out long ms) && ms <= int.MaxValue ? (int)ms : int.MaxValue;
                        }

                        break;
                }
            }

            return events;
        }

        // A line is only a line once its terminator has been seen; trailing text without one is not returned.
        private static bool TryReadLine(string text, ref int position, out string line)
        {
            for (int i = position; i < text.Length; i++)
            {
                if (text[i] == '\r' || text[i] == '\n')
                {
                    line = text.Substring(position, i - position);
                    position = text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? i + 2 : i + 1;
                    return true;
                }
            }

            line = "";
            return false;
        }

        private static bool IsAsciiDigits(string value)
        {
            foreach (char c in value)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
