using System.Collections.Generic;
using System.Text;

namespace StructGen.Generator.Infrastructure
{
    /// <summary>
    /// Writes compact JSON (no whitespace) in the order calls are made. Values and property names go
    /// through <see cref="Escaping"/>.
    /// </summary>
    internal sealed class JsonTextBuilder
    {
        private readonly StringBuilder _builder = new StringBuilder();

        // One entry per open container: true once the container holds at least one item.
        private readonly Stack<bool> _hasItems = new Stack<bool>();

        public JsonTextBuilder StartObject() => Open('{');

        public JsonTextBuilder EndObject() => Close('}');

        public JsonTextBuilder StartArray() => Open('[');

        public JsonTextBuilder EndArray() => Close(']');

        /// <summary>Writes a property name; the next call writes its value.</summary>
        public JsonTextBuilder Name(string name)
        {
            Separate();
            Escaping.AppendJsonString(_builder, name);
            _builder.Append(':');
            _pendingValueAfterName = true;
            return this;
        }

        public JsonTextBuilder String(string value)
        {
            Separate();
            Escaping.AppendJsonString(_builder, value);
            return this;
        }

        /// <summary>Writes a literal token (number, <c>true</c>, <c>null</c>, or a complete JSON value).</summary>
        public JsonTextBuilder Raw(string json)
        {
            Separate();
            _builder.Append(json);
            return this;
        }

        public JsonTextBuilder Property(string name, string value) => Name(name).String(value);

        public JsonTextBuilder RawProperty(string name, string json) => Name(name).Raw(json);

        public override string ToString() => _builder.ToString();

        private bool _pendingValueAfterName;

        private JsonTextBuilder Open(char c)
        {
            Separate();
            _builder.Append(c);
            _hasItems.Push(false);
            return this;
        }

        private JsonTextBuilder Close(char c)
        {
            _hasItems.Pop();
            _builder.Append(c);
            return this;
        }

        private void Separate()
        {
            if (_pendingValueAfterName)
            {
                _pendingValueAfterName = false;
                return;
            }

            if (_hasItems.Count > 0)
            {
                if (_hasItems.Peek())
                {
                    _builder.Append(',');
                }
                else
                {
                    _hasItems.Pop();
                    _hasItems.Push(true);
                }
            }
        }
    }
}
