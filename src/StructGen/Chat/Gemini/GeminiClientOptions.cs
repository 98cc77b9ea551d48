using System;
using System.Threading;
using System.Threading.Tasks;

namespace StructGen.Chat
{
    /// <summary>How <see cref="GeminiClient"/> writes the parameters schema of a function declaration.</summary>
    public enum GeminiToolSchemaFormat
    {
        /// <summary>
        /// <c>parameters</c>: Gemini's OpenAPI-subset schema (upper-case types, <c>nullable</c>, no
        /// <c>additionalProperties</c>), converted from the tool's JSON Schema when the request is written. Accepted
        /// by every Gemini model and by Vertex AI; the default.
        /// </summary>
        Parameters,

        /// <summary><c>parametersJsonSchema</c>: the tool's JSON Schema as it is (newer models only).</summary>
        ParametersJsonSchema,
    }

    /// <summary>Settings of a <see cref="GeminiClient"/> (Google AI Gemini API or Vertex AI).</summary>
    public sealed class GeminiClientOptions : ModelClientOptions
    {
        /// <summary>The Google AI (Gemini API) endpoint, <c>https://generativelanguage.googleapis.com/v1beta/</c>.</summary>
        public static readonly Uri GoogleAIEndpoint = new Uri("https://generativelanguage.googleapis.com/v1beta/");

        /// <summary>Creates options for the Google AI endpoint.</summary>
        public GeminiClientOptions()
            : base(GoogleAIEndpoint)
        {
        }

        /// <summary>
        /// A bearer token source for Vertex AI (set <see cref="ModelClientOptions.Endpoint"/> to
        /// <c>https://{location}-aiplatform.googleapis.com/v1/projects/{project}/locations/{location}/publishers/google/</c>).
        /// Called once per request (not per retry); a null or empty token sends no <c>Authorization</c> header.
        /// <see cref="ModelClientOptions.ApiKey"/> is sent in <c>x-goog-api-key</c> whether or not this is set.
        /// </summary>
        public Func<CancellationToken, ValueTask<string?>>? AccessTokenProvider { get; set; }

        /// <summary>Where function declarations put their schema; <see cref="GeminiToolSchemaFormat.Parameters"/> by default.</summary>
        public GeminiToolSchemaFormat ToolSchemaFormat { get; set; } = GeminiToolSchemaFormat.Parameters;

        /// <summary>
        /// Whether <c>functionCall.id</c> and <c>functionResponse.id</c> are written. Null (the default) writes them
        /// unless the endpoint is Vertex AI (<c>*aiplatform.googleapis.com</c>), which rejects them.
        /// </summary>
        public bool? SendToolCallIds { get; set; }

        /// <summary>
        /// Makes the id of a function call the model sent without one. Null (the default) numbers such calls
        /// "1", "2", "3"… per client instance.
        /// </summary>
        public Func<string>? ToolCallIdFactory { get; set; }

        internal bool WritesToolCallIds =>
            SendToolCallIds ?? !Endpoint.Host.EndsWith("aiplatform.googleapis.com", StringComparison.OrdinalIgnoreCase);
    }
}
