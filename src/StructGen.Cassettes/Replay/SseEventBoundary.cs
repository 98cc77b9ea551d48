namespace StructGen.Cassettes
{
    /// <summary>Finds where a server-sent event ends: after the first empty line (SSE accepts CRLF, LF and CR line ends).</summary>
    internal static class SseEventBoundary
    {
        /// <summary>
        /// The end (exclusive) of the event starting at <paramref name="start"/>, which must be at the
        /// start of a line: just past the line break of the first empty line, or the body end.
        /// </summary>
        public static int EndOfEvent(byte[] body, int start)
        {
            bool atLineStart = true;
            int i = start;
            while (i < body.Length)
            {
                byte c = body[i];
                if (c == (byte)'\n' || c == (byte)'\r')
                {
                    int lineEnd = c == (byte)'\r' && i + 1 < body.Length && body[i + 1] == (byte)'\n' ? i + 2 : i + 1;
                    if (atLineStart)
                    {
                        return lineEnd;
                    }

                    atLineStart = true;
                    i = lineEnd;
                }
                else
                {
                    atLineStart = false;
                    i++;
                }
            }

            return body.Length;
        }
    }
}
