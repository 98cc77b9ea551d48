using System;
using System.IO;
using System.Text;
using System.Text.Json;
using StructGen.Streaming;
using StructGen.Streaming.Generated;

namespace StructGen.Tests.CassetteCorpus
{
    /// <summary>Writes the tokens it receives back out as JSON, to compare with the text they came from.</summary>
    internal sealed class JsonRebuildingSink : IJsonTokenSink
    {
        private readonly MemoryStream _buffer = new MemoryStream();
        private readonly Utf8JsonWriter _writer;
        private readonly StringBuilder _string = new StringBuilder();

        public JsonRebuildingSink() => _writer = new Utf8JsonWriter(_buffer);

        public string ToJson()
        {
            _writer.Flush();
            return Encoding.UTF8.GetString(_buffer.ToArray());
        }

        public void OnStartObject() => _writer.WriteStartObject();

        public void OnEndObject() => _writer.WriteEndObject();

        public void OnStartArray() => _writer.WriteStartArray();

        public void OnEndArray() => _writer.WriteEndArray();

        public void OnPropertyName(ReadOnlySpan<char> name) => _writer.WritePropertyName(name);

        public void OnStringStart(long contentStart) => _string.Clear();

        public void OnStringChunk(ReadOnlySpan<char> chunk, long sourceEnd) => _string.Append(chunk.ToString());

        public void OnStringEnd() => _writer.WriteStringValue(_string.ToString());

        public void OnNumber(ReadOnlySpan<char> text) => _writer.WriteRawValue(text.ToString());

        public void OnLiteral(JsonLiteral literal)
        {
            switch (literal)
            {
                case JsonLiteral.Null: _writer.WriteNullValue(); break;
                case JsonLiteral.True: _writer.WriteBooleanValue(true); break;
                default: _writer.WriteBooleanValue(false); break;
            }
        }
    }
}
