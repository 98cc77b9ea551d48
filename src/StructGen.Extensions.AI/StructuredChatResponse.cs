using System;
using Microsoft.Extensions.AI;

namespace StructGen.Extensions.AI
{
    /// <summary>A validated structured value and the <see cref="ChatResponse"/> it came from.</summary>
    /// <typeparam name="T">The structured-output type.</typeparam>
    public sealed class StructuredChatResponse<T>
    {
        /// <summary>Creates the result.</summary>
        /// <param name="value">The validated value.</param>
        /// <param name="response">The response (for streams: assembled from the updates).</param>
        public StructuredChatResponse(T value, ChatResponse response)
        {
            Value = value;
            Response = response ?? throw new ArgumentNullException(nameof(response));
        }

        /// <summary>The final, validated value.</summary>
        public T Value { get; }

        /// <summary>The underlying response: messages, ids, model, raw representation.</summary>
        public ChatResponse Response { get; }

        /// <summary>The token usage, when the provider reported it.</summary>
        public UsageDetails? Usage => Response.Usage;

        /// <summary>Why the model stopped, when reported.</summary>
        public ChatFinishReason? FinishReason => Response.FinishReason;

        /// <summary>The raw JSON text the value was parsed from.</summary>
        public string Text => Response.Text;
    }
}
