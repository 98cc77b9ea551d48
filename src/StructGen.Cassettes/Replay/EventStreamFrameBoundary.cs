namespace StructGen.Cassettes
{
    /// <summary>
    /// Finds where a frame of an AWS event stream (<c>application/vnd.amazon.eventstream</c>) ends: each frame
    /// starts with its total length as a big-endian 32-bit integer.
    /// </summary>
    internal static class EventStreamFrameBoundary
    {
        /// <summary>The media type of a binary AWS event stream (Amazon Bedrock's <c>invoke-with-response-stream</c>).</summary>
        public const string MediaType = "application/vnd.amazon.eventstream";

        // A frame is at least its 12-byte prelude and 4-byte message CRC.
        private const int MinimumFrame = 16;

        /// <summary>
        /// The end (exclusive) of the frame starting at <paramref name="start"/>; the body end when what is
        /// left is not a whole frame (a replay hands out what was recorded, broken or not).
        /// </summary>
        public static int EndOfFrame(byte[] body, int start)
        {
            if (body.Length - start < 4)
            {
                return body.Length;
            }

            long total = ((long)body[start] << 24) | ((long)body[start + 1] << 16) | ((long)body[start + 2] << 8) | body[start + 3];
            return total < MinimumFrame || total > body.Length - start ? body.Length : start + (int)total;
        }
    }
}
