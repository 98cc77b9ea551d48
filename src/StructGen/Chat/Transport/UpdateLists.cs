using System;
using System.Collections.Generic;

namespace StructGen.Chat.Transport
{
    /// <summary>
    /// One spare update list per thread. A stream holds its list while it decodes and hands out an event's
    /// updates, and gives it back before it waits on the network, so thousands of paused streams hold no list
    /// (~220 B each) while a busy one still allocates none per event.
    /// </summary>
    internal static class UpdateLists
    {
        // A list grown past this (a whole body with many updates) goes to the collector instead.
        private const int MaxKeptCapacity = 256;

        [ThreadStatic]
        private static List<ChatStreamUpdate>? t_spare;

        public static List<ChatStreamUpdate> Take()
        {
            var list = t_spare;
            if (list is null) return new List<ChatStreamUpdate>();
            t_spare = null;
            return list;
        }

        /// <summary>Gives <paramref name="list"/> back, emptied (its updates were all handed out).</summary>
        public static void Return(List<ChatStreamUpdate> list)
        {
            list.Clear();
            if (list.Capacity <= MaxKeptCapacity) t_spare = list;
        }
    }
}
