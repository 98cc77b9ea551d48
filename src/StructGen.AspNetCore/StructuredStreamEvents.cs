namespace StructGen.AspNetCore
{
    /// <summary>The SSE event types the patch stream sends besides patches (which use the default type, <c>message</c>).</summary>
    public static class StructuredStreamEvents
    {
        /// <summary>The stream ended and the value was validated; data <c>{"value": ...}</c> (or <c>{}</c> without a type info).</summary>
        public const string Done = "done";

        /// <summary>The stream failed; data <c>{"kind", "path", "message"}</c>, path being the JSON path or null.</summary>
        public const string Error = "error";

        /// <summary>A reconnect that cannot resume; data <c>{"reason": "resume-unsupported", "lastEventId", "message"}</c>.</summary>
        public const string Reset = "reset";
    }
}
