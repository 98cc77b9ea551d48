using System;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using StructGen.Chat;

namespace StructGen.AspNetCore
{
    /// <summary>Returns a structured stream from a minimal-API endpoint or controller action as a patch stream.</summary>
    public static class StructuredStreamResultExtensions
    {
        /// <summary>
        /// Streams <paramref name="stream"/> to the browser as Server-Sent Events of patches (see
        /// <see cref="StructuredStreamResult{T, TPartial}"/>). Prefer
        /// <see cref="StructuredStreamResults.ServerSentEvents{T, TPartial}"/> when the model call
        /// should also see the request's cancellation.
        /// </summary>
        /// <param name="stream">A stream not yet read.</param>
        /// <param name="valueTypeInfo">Serializes the validated value into the <c>done</c> event (optional).</param>
        public static StructuredStreamResult<T, TPartial> ToServerSentEvents<T, TPartial>(this StructuredStream<T, TPartial> stream, JsonTypeInfo<T>? valueTypeInfo = null)
            where TPartial : class
        {
            if (stream is null) throw new ArgumentNullException(nameof(stream));
            return new StructuredStreamResult<T, TPartial>(_ => stream, valueTypeInfo);
        }
    }

    /// <summary>Factory methods for <see cref="StructuredStreamResult{T, TPartial}"/>.</summary>
    public static class StructuredStreamResults
    {
        /// <summary>
        /// Streams the structured output that <paramref name="open"/> starts; <paramref name="open"/> receives
        /// the request's abort token and is not called for a reconnect (which gets a <c>reset</c> event).
        /// </summary>
        /// <param name="open">Starts the stream, e.g. <c>ct =&gt; client.GenerateBookStreamAsync(prompt, cancellationToken: ct)</c>.</param>
        /// <param name="valueTypeInfo">Serializes the validated value into the <c>done</c> event (optional).</param>
        public static StructuredStreamResult<T, TPartial> ServerSentEvents<T, TPartial>(Func<CancellationToken, StructuredStream<T, TPartial>> open, JsonTypeInfo<T>? valueTypeInfo = null)
            where TPartial : class => new StructuredStreamResult<T, TPartial>(open, valueTypeInfo);
    }
}
