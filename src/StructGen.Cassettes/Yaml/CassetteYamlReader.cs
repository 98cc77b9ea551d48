using System;
using System.Collections.Generic;
using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StructGen.Cassettes
{
    /// <summary>Maps a parsed YAML tree onto the cassette model, reporting shape errors with their line.</summary>
    internal sealed class CassetteYamlReader
    {
        private readonly string? _path;

        public CassetteYamlReader(string? path)
        {
            _path = path;
        }

        public Cassette ReadCassette(YamlNode root)
        {
            YamlMappingNode map = AsMapping(root, "the top level");
            var cassette = new Cassette();

            YamlNode versionNode = Require(map, "version", "the top level");
            int version = ReadInt(versionNode, "version");
            if (version != 1 && version != 2)
            {
                throw Error(versionNode, $"unsupported cassette format version {version} (expected 1 or 2)");
            }

            cassette.Version = version;

            if (TryGet(map, "interactions", out YamlNode? interactionsNode) && !IsNull(interactionsNode))
            {
                YamlSequenceNode interactions = AsSequence(interactionsNode, "'interactions'");
                int index = 0;
                foreach (YamlNode item in interactions.Children)
                {
                    cassette.Interactions.Add(ReadInteraction(item, index));
                    index++;
                }
            }

            return cassette;
        }

        private CassetteInteraction ReadInteraction(YamlNode node, int index)
        {
            string where = $"interaction {index}";
            YamlMappingNode map = AsMapping(node, where);
            var interaction = new CassetteInteraction
            {
                // go-vcr v1 had no ids; the position is what v2 would have written.
                Id = TryGet(map, "id", out YamlNode? idNode) ? ReadInt(idNode, where + " 'id'") : index,
            };

            ReadRequest(AsMapping(Require(map, "request", where), where + " 'request'"), interaction.Request, where + " request");
            ReadResponse(AsMapping(Require(map, "response", where), where + " 'response'"), interaction.Response, where + " response");
            return interaction;
        }

        private void ReadRequest(YamlMappingNode map, CassetteRequest request, string where)
        {
            foreach (KeyValuePair<YamlNode, YamlNode> entry in map.Children)
            {
                string key = KeyOf(entry.Key, where);
                YamlNode value = entry.Value;
                string field = $"{where} '{key}'";
                switch (key)
                {
                    case "proto": request.Proto = ReadString(value, field); break;
                    case "proto_major": request.ProtoMajor = ReadInt(value, field); break;
                    case "proto_minor": request.ProtoMinor = ReadInt(value, field); break;
                    case "content_length": request.ContentLength = ReadLong(value, field); break;
                    case "transfer_encoding": ReadStrings(value, request.TransferEncoding, field); break;
                    case "trailer": ReadHeaders(value, request.Trailer, field); break;
                    case "host": request.Host = ReadString(value, field); break;
                    case "remote_addr": request.RemoteAddr = ReadString(value, field); break;
                    case "request_uri": request.RequestUri = ReadString(value, field); break;
                    case "body": ReadBody(value, field, text => request.Body = text, bytes => request.BinaryBody = bytes); break;
                    case "form": ReadHeaders(value, request.Form, field); break;
                    case "headers": ReadHeaders(value, request.Headers, field); break;
                    case "url": request.Url = ReadString(value, field); break;
                    case "method": request.Method = ReadString(value, field); break;
                    default: break; // Unknown keys are ignored, like the Go decoder does.
                }
            }

            // Without these two a request cannot be matched, so a file missing them is broken.
            Require(map, "url", where);
            Require(map, "method", where);
        }

        private void ReadResponse(YamlMappingNode map, CassetteResponse response, string where)
        {
            foreach (KeyValuePair<YamlNode, YamlNode> entry in map.Children)
            {
                string key = KeyOf(entry.Key, where);
                YamlNode value = entry.Value;
                string field = $"{where} '{key}'";
                switch (key)
                {
                    case "proto": response.Proto = ReadString(value, field); break;
                    case "proto_major": response.ProtoMajor = ReadInt(value, field); break;
                    case "proto_minor": response.ProtoMinor = ReadInt(value, field); break;
                    case "transfer_encoding": ReadStrings(value, response.TransferEncoding, field); break;
                    case "trailer": ReadHeaders(value, response.Trailer, field); break;
                    case "content_length": response.ContentLength = ReadLong(value, field); break;
                    case "uncompressed": response.Uncompressed = ReadBool(value, field); break;
                    case "body": ReadBody(value, field, text => response.Body = text, bytes => response.BinaryBody = bytes); break;
                    case "headers": ReadHeaders(value, response.Headers, field); break;
                    case "status": response.Status = ReadString(value, field); break;
                    case "code": response.Code = ReadInt(value, field); break;
                    case "duration": response.Duration = ReadDuration(value, field); break;
                    default: break;
                }
            }

            Require(map, "code", where);
            if (!TryGet(map, "status", out _))
            {
                // Older recordings may omit the status text; the code alone is still a valid status.
                response.Status = response.Code.ToString(CultureInfo.InvariantCulture);
            }
        }

        // go-vcr (through Go's yaml encoder) writes a body that is not valid UTF-8 as "!!binary" base64, wrapped over lines.
        private void ReadBody(YamlNode node, string field, Action<string> text, Action<byte[]> bytes)
        {
            if (node is YamlScalarNode scalar && !scalar.Tag.IsEmpty && scalar.Tag.Value == BinaryTag)
            {
                string base64 = RemoveWhitespace(scalar.Value ?? string.Empty);
                try
                {
                    bytes(Convert.FromBase64String(base64));
                }
                catch (FormatException)
                {
                    throw Error(node, $"{field} is tagged !!binary but is not valid base64");
                }

                return;
            }

            text(ReadString(node, field));
        }

        internal const string BinaryTag = "tag:yaml.org,2002:binary";

        private static string RemoveWhitespace(string value)
        {
            var builder = new System.Text.StringBuilder(value.Length);
            foreach (char c in value)
            {
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
                {
                    builder.Append(c);
                }
            }

            return builder.ToString();
        }

        private void ReadHeaders(YamlNode node, CassetteHeaders target, string field)
        {
            if (IsNull(node))
            {
                return;
            }

            YamlMappingNode map = AsMapping(node, field);
            foreach (KeyValuePair<YamlNode, YamlNode> entry in map.Children)
            {
                string name = KeyOf(entry.Key, field);
                var values = new List<string>();
                if (entry.Value is YamlScalarNode && !IsNull(entry.Value))
                {
                    // go-vcr always writes a list, but a hand-edited "Name: value" is unambiguous.
                    values.Add(ReadString(entry.Value, $"{field} '{name}'"));
                }
                else
                {
                    ReadStrings(entry.Value, values, $"{field} '{name}'");
                }

                target.Set(name, values);
            }
        }

        private void ReadStrings(YamlNode node, ICollection<string> target, string field)
        {
            if (IsNull(node))
            {
                return;
            }

            foreach (YamlNode item in AsSequence(node, field).Children)
            {
                target.Add(ReadString(item, field + " item"));
            }
        }

        private string ReadDuration(YamlNode node, string field)
        {
            string text = ReadString(node, field);
            if (text.Length == 0)
            {
                return "0s"; // go-vcr v1 wrote an empty string for "not measured".
            }

            // A bare integer is Go's raw nanosecond count; normalise it to the text form Go writes.
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long nanos))
            {
                return GoDuration.Format(TimeSpan.FromTicks(nanos / 100));
            }

            if (!GoDuration.TryParse(text, out _))
            {
                throw Error(node, $"{field} must be a Go duration such as \"1.5s\" but was \"{text}\"");
            }

            return text;
        }

        private string ReadString(YamlNode node, string field)
        {
            if (node is YamlScalarNode scalar)
            {
                // A plain null (~, null, or nothing at all) decodes to Go's zero value, the empty string.
                return IsNull(scalar) ? string.Empty : scalar.Value ?? string.Empty;
            }

            throw Error(node, $"{field} must be a string but was {Describe(node)}");
        }

        private int ReadInt(YamlNode node, string field)
        {
            long value = ReadLong(node, field);
            if (value < int.MinValue || value > int.MaxValue)
            {
                throw Error(node, $"{field} is out of range: {value}");
            }

            return (int)value;
        }

        private long ReadLong(YamlNode node, string field)
        {
            if (node is YamlScalarNode scalar
                && long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            {
                return value;
            }

            throw Error(node, $"{field} must be an integer but was {Describe(node)}");
        }

        private bool ReadBool(YamlNode node, string field)
        {
            if (node is YamlScalarNode scalar)
            {
                switch (scalar.Value)
                {
                    case "true": case "True": case "TRUE": return true;
                    case "false": case "False": case "FALSE": return false;
                }
            }

            throw Error(node, $"{field} must be true or false but was {Describe(node)}");
        }

        private YamlMappingNode AsMapping(YamlNode node, string what)
        {
            return node as YamlMappingNode ?? throw Error(node, $"{what} must be a mapping but was {Describe(node)}");
        }

        private YamlSequenceNode AsSequence(YamlNode node, string what)
        {
            return node as YamlSequenceNode ?? throw Error(node, $"{what} must be a list but was {Describe(node)}");
        }

        private YamlNode Require(YamlMappingNode map, string key, string where)
        {
            if (TryGet(map, key, out YamlNode? value))
            {
                return value;
            }

            throw Error(map, $"{where} has no '{key}'");
        }

        private static bool TryGet(YamlMappingNode map, string key, out YamlNode value)
        {
            foreach (KeyValuePair<YamlNode, YamlNode> entry in map.Children)
            {
                if (entry.Key is YamlScalarNode scalar && scalar.Value == key)
                {
                    value = entry.Value;
                    return true;
                }
            }

            value = null!;
            return false;
        }

        private string KeyOf(YamlNode key, string where)
        {
            if (key is YamlScalarNode scalar && scalar.Value is not null)
            {
                return scalar.Value;
            }

            throw Error(key, $"{where} has a key that is not a string ({Describe(key)})");
        }

        private static bool IsNull(YamlNode node)
        {
            return node is YamlScalarNode scalar
                && scalar.Style == ScalarStyle.Plain
                && (string.IsNullOrEmpty(scalar.Value) || scalar.Value == "~" || scalar.Value == "null" || scalar.Value == "Null" || scalar.Value == "NULL");
        }

        private static string Describe(YamlNode node)
        {
            switch (node)
            {
                case YamlMappingNode _: return "a mapping";
                case YamlSequenceNode _: return "a list";
                case YamlScalarNode scalar:
                    string value = scalar.Value ?? string.Empty;
                    return "\"" + (value.Length > 60 ? value.Substring(0, 60) + "..." : value) + "\"";
                default: return "an alias";
            }
        }

        private CassetteFormatException Error(YamlNode node, string problem)
        {
            return new CassetteFormatException(problem, _path, CassetteLoader.LineOf(node.Start));
        }
    }
}
