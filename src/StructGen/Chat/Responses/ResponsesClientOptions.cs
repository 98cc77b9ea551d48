using System;
using System.Collections.Generic;

namespace StructGen.Chat
{
    /// <summary>Settings for <see cref="ResponsesClient"/>.</summary>
    /// <remarks>
    /// Requests go to <c>{Endpoint}/responses</c> (<c>https://api.openai.com/v1/</c>; Azure OpenAI:
    /// <c>https://{resource}.openai.azure.com/openai/v1/</c> with <see cref="ApiKeyHeader"/> <c>api-key</c>,
    /// or the legacy <c>https://{resource}.openai.azure.com/openai/?api-version=…</c>).
    /// Settings are read when each request starts, so changing them affects later requests only.
    /// </remarks>
    public sealed class ResponsesClientOptions : ModelClientOptions
    {
        /// <summary>The OpenAI endpoint used when none is given.</summary>
        public static readonly Uri OpenAIEndpoint = new Uri("https://api.openai.com/v1/");

        /// <summary>Creates settings for the OpenAI endpoint; set <see cref="ModelClientOptions.Endpoint"/> for another server.</summary>
        public ResponsesClientOptions()
            : base(OpenAIEndpoint)
        {
        }

        /// <summary>
        /// The header that carries <see cref="ModelClientOptions.ApiKey"/>: <see langword="null"/> (the default) sends
        /// <c>Authorization: Bearer {key}</c>; Azure OpenAI wants <c>api-key</c>.
        /// </summary>
        public string? ApiKeyHeader { get; set; }

        /// <summary>
        /// <c>store</c>: whether OpenAI keeps the response (needed for <see cref="PreviousResponseId"/>).
        /// Default <see langword="false"/>, always sent; <see langword="null"/> sends no <c>store</c> member.
        /// </summary>
        public bool? Store { get; set; } = false;

        /// <summary>
        /// The role <c>system</c> messages are sent with. <see langword="null"/> (the default): <c>developer</c>
        /// for reasoning models (<c>o1</c>, <c>o3</c>, <c>o4</c>…, <c>gpt-5</c>, <c>codex</c>), <c>system</c> for
        /// others; <c>developer</c> messages are always sent as <c>developer</c>.
        /// </summary>
        public string? SystemRole { get; set; }

        /// <summary><c>instructions</c>: a system text sent apart from <c>input</c>, or <see langword="null"/>.</summary>
        public string? Instructions { get; set; }

        /// <summary><c>reasoning.summary</c> (<c>auto</c>, <c>concise</c>, <c>detailed</c>): ask reasoning models for summaries.</summary>
        public string? ReasoningSummary { get; set; }

        /// <summary>
        /// <c>include</c>, e.g. <c>reasoning.encrypted_content</c> (with <see cref="Store"/> false, the only way a
        /// reasoning model keeps its reasoning across the turns of a tool loop). Not sent when empty.
        /// </summary>
        public IList<string> Include { get; } = new List<string>();

        /// <summary><c>previous_response_id</c> for every request (needs <see cref="Store"/> true); per request use <c>AdditionalProperties</c>.</summary>
        public string? PreviousResponseId { get; set; }

        /// <summary>
        /// How <c>text.format</c> carries a JSON schema's <c>strict</c> and <c>description</c>. <see langword="false"/>
        /// (the default, as OpenAI's own clients send it): <c>strict</c> only when false (the API enforces the schema
        /// when it is left out) and no <c>description</c>. <see langword="true"/>: <c>strict</c> always, and the
        /// description when the format has one.
        /// </summary>
        public bool ExplicitSchemaSettings { get; set; }
    }
}
