using System;
using System.Text;
using System.Text.Json;

namespace StructGen.Chat.Transport
{
    /// <summary>
    /// A provider's error object, read from the shapes real servers send:
    /// <c>{"error":{"message","type","code","param"}}</c> (OpenAI, Azure, OpenRouter, Groq, xAI),
    /// <c>{"error":"text"}</c> (Ollama), <c>{"object":"error","message",…}</c> (vLLM, FastAPI servers),
    /// <c>{"detail":…}</c>, and a one-element array of any of these (Gemini).
    /// </summary>
    internal sealed class ProviderError
    {
        private ProviderError(string? type, string? code, string? message, string? param)
        {
            Type = type;
            Code = code;
            Message = message;
            Param = param;
        }

        public string? Type { get; }

        public string? Code { get; }

        public string? Message { get; }

        public string? Param { get; }

        /// <summary>Reads an HTTP error body; <see langword="null"/> when it is not JSON or has no error fields.</summary>
        public static ProviderError? TryParse(string body)
        {
            if (string.IsNullOrWhiteSpace(body)) return null;
            try
            {
                using var document = JsonDocument.Parse(body);
                return FromElement(document.RootElement);
            }
            catch (JsonException)
            {
                return null; // A proxy's HTML page, or a body cut at the read limit: the raw text is kept instead.
            }
        }

        /// <summary>
        /// Reads the error in a stream event's data; never <see langword="null"/>. Data that is not JSON
        /// (an <c>event: error</c> with plain text) is the message itself.
        /// </summary>
        public static ProviderError FromUtf8(ReadOnlySpan<byte> json)
        {
            try
            {
                var reader = new Utf8JsonReader(json);
                using var document = JsonDocument.ParseValue(ref reader);
                return FromElement(document.RootElement) ?? new ProviderError(null, null, null, null);
            }
            catch (JsonException)
            {
                var text = Encoding.UTF8.GetString(json.ToArray()).Trim();
                return new ProviderError(null, null, text.Length == 0 ? null : text, null);
            }
        }

        /// <summary>A copy whose message is at most <paramref name="maxChars"/> characters.</summary>
        public ProviderError Truncate(int maxChars) =>
            Message is { } message && message.Length > maxChars ? new ProviderError(Type, Code, message.Substring(0, maxChars) + "…", Param) : this;

        /// <summary>Reads the error from a whole JSON value (an error body or an <c>event: error</c> payload).</summary>
        public static ProviderError? FromElement(JsonElement root)
        {
            if (root.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in root.EnumerateArray()) return FromElement(item);
                return null;
            }

            if (root.ValueKind != JsonValueKind.Object) return root.ValueKind == JsonValueKind.String ? new ProviderError(null, null, root.GetString(), null) : null;
            if (root.TryGetProperty("error", out var error) && error.ValueKind is not JsonValueKind.Null and not JsonValueKind.Undefined)
            {
                var nested = FromErrorValue(error);
                if (nested is not null) return nested;
            }

            return FromFields(root);
        }

        private static ProviderError? FromErrorValue(JsonElement error) => error.ValueKind switch
        {
            JsonValueKind.Object => FromFields(error),
            JsonValueKind.String => new ProviderError(null, null, error.GetString(), null),
            _ => new ProviderError(null, null, error.GetRawText(), null),
        };

        private static ProviderError? FromFields(JsonElement obj)
        {
            string? message = Member(obj, "message") ?? Member(obj, "detail") ?? Member(obj, "error_description");
            // Google's error objects name their kind in "status" (RESOURCE_EXHAUSTED, INVALID_ARGUMENT…).
            string? type = Member(obj, "type") ?? Member(obj, "status");
            string? code = Member(obj, "code");
            string? param = Member(obj, "param");
            if (message is null && type is null && code is null) return null;
            return new ProviderError(type, code, message, param);
        }

        private static string? Member(JsonElement obj, string name) =>
            obj.TryGetProperty(name, out var value) ? AsText(value) : null;

        private static string? AsText(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Object or JsonValueKind.Array => value.GetRawText(),
            _ => null,
        };

        /// <summary>"message [type/code]" for exception messages.</summary>
        public string Describe()
        {
            var text = new StringBuilder(Message ?? "(no message)");
            if (Type is not null || Code is not null)
            {
                text.Append(" [").Append(Type);
                if (Type is not null && Code is not null) text.Append('/');
                text.Append(Code).Append(']');
            }

            return text.ToString();
        }

        /// <summary>A copy with every occurrence of <paramref name="secret"/> masked.</summary>
        public ProviderError Redact(string? secret) =>
            string.IsNullOrEmpty(secret)
                ? this
                : new ProviderError(Secrets.Mask(Type, secret), Secrets.Mask(Code, secret), Secrets.Mask(Message, secret), Secrets.Mask(Param, secret));
    }

    /// <summary>Keeps the API key out of anything the client shows.</summary>
    internal static class Secrets
    {
        public static string? Mask(string? text, string? secret)
        {
            if (text is null || string.IsNullOrEmpty(secret) || text.IndexOf(secret!, StringComparison.Ordinal) < 0) return text;
            return text.Replace(secret!, MaskText);
        }

        private const string MaskText = "***";
    }
}
