using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace StructGen.Cassettes
{
    /// <summary>
    /// Writes cassettes as go-vcr v2 YAML: the same keys, key order, omitted empty fields, block
    /// style and scalar styles as the Go library, so the Go library can read our files and a
    /// loaded go-vcr file is written back unchanged.
    /// </summary>
    public static class CassetteWriter
    {
        /// <summary>Writes <paramref name="cassette"/> to <paramref name="path"/> (UTF-8, no BOM), creating the folder if needed.</summary>
        /// <param name="cassette">The cassette to write.</param>
        /// <param name="path">The destination file; it is replaced if it exists.</param>
        public static void Save(Cassette cassette, string path)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            string yaml = Serialize(cassette);
            string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            File.WriteAllText(path, yaml, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }

        /// <summary>Serializes <paramref name="cassette"/> to go-vcr v2 YAML text.</summary>
        /// <param name="cassette">The cassette to serialize.</param>
        /// <returns>The YAML, starting with <c>---</c> as go-vcr writes it.</returns>
        public static string Serialize(Cassette cassette)
        {
            if (cassette is null)
            {
                throw new ArgumentNullException(nameof(cassette));
            }

            var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };

            // go-vcr prepends the document marker itself, then lets the encoder write the mapping.
            text.Write("---\n");

            // Two-space indent, sequences not indented under their key, and no line folding
            // (Go's encoder never wraps): the layout of go-vcr's files.
            var settings = new EmitterSettings(
                bestIndent: 2,
                bestWidth: int.MaxValue,
                isCanonical: false,
                maxSimpleKeyLength: 1024,
                skipAnchorName: false,
                indentSequences: false,
                newLine: "\n");
            var writer = new EventWriter(new Emitter(text, settings));
            writer.WriteDocument(cassette);
            return text.ToString();
        }

        /// <summary>Emits the YAML events for one cassette, in go-vcr's field order.</summary>
        private sealed class EventWriter
        {
            private readonly IEmitter _emitter;

            public EventWriter(IEmitter emitter)
            {
                _emitter = emitter;
            }

            public void WriteDocument(Cassette cassette)
            {
                _emitter.Emit(new StreamStart());
                _emitter.Emit(new DocumentStart(null, null, isImplicit: true));
                _emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));
                Key("version");
                Number(cassette.Version);
                Key("interactions");
                if (cassette.Interactions.Count == 0)
                {
                    EmptySequence();
                }
                else
                {
                    _emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
                    foreach (CassetteInteraction interaction in cassette.Interactions)
                    {
                        WriteInteraction(interaction);
                    }

                    _emitter.Emit(new SequenceEnd());
                }

                _emitter.Emit(new MappingEnd());
                _emitter.Emit(new DocumentEnd(isImplicit: true));
                _emitter.Emit(new StreamEnd());
            }

            private void WriteInteraction(CassetteInteraction interaction)
            {
                BeginMapping();
                Key("id");
                Number(interaction.Id);
                Key("request");
                WriteRequest(interaction.Request);
                Key("response");
                WriteResponse(interaction.Response);
                EndMapping();
            }

            // Field order and omitempty rules follow go-vcr's cassette.Request struct tags.
            private void WriteRequest(CassetteRequest request)
            {
                BeginMapping();
                Key("proto");
                String(request.Proto);
                Key("proto_major");
                Number(request.ProtoMajor);
                Key("proto_minor");
                Number(request.ProtoMinor);
                Key("content_length");
                Number(request.ContentLength);
                OptionalStrings("transfer_encoding", request.TransferEncoding);
                OptionalHeaders("trailer", request.Trailer);
                Key("host");
                String(request.Host);
                OptionalString("remote_addr", request.RemoteAddr);
                OptionalString("request_uri", request.RequestUri);
                if (request.BinaryBody is not null)
                {
                    Key("body");
                    Binary(request.BinaryBody);
                }
                else
                {
                    OptionalString("body", request.Body);
                }

                OptionalHeaders("form", request.Form);
                OptionalHeaders("headers", request.Headers);
                Key("url");
                String(request.Url);
                Key("method");
                String(request.Method);
                EndMapping();
            }

            // Field order and omitempty rules follow go-vcr's cassette.Response struct tags.
            private void WriteResponse(CassetteResponse response)
            {
                BeginMapping();
                Key("proto");
                String(response.Proto);
                Key("proto_major");
                Number(response.ProtoMajor);
                Key("proto_minor");
                Number(response.ProtoMinor);
                OptionalStrings("transfer_encoding", response.TransferEncoding);
                OptionalHeaders("trailer", response.Trailer);
                Key("content_length");
                Number(response.ContentLength);
                if (response.Uncompressed)
                {
                    Key("uncompressed");
                    Plain("true");
                }

                Key("body");
                if (response.BinaryBody is not null)
                {
                    Binary(response.BinaryBody);
                }
                else
                {
                    String(response.Body);
                }

                Key("headers");
                Headers(response.Headers);
                Key("status");
                String(response.Status);
                Key("code");
                Number(response.Code);
                Key("duration");
                String(response.Duration);
                EndMapping();
            }

            private void OptionalString(string key, string value)
            {
                if (value.Length > 0)
                {
                    Key(key);
                    String(value);
                }
            }

            private void OptionalStrings(string key, IList<string> values)
            {
                if (values.Count > 0)
                {
                    Key(key);
                    Strings(values);
                }
            }

            private void OptionalHeaders(string key, CassetteHeaders headers)
            {
                if (headers.Count > 0)
                {
                    Key(key);
                    Headers(headers);
                }
            }

            private void Headers(CassetteHeaders headers)
            {
                if (headers.Count == 0)
                {
                    // Go writes an empty (or nil) map as "{}".
                    _emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Flow));
                    _emitter.Emit(new MappingEnd());
                    return;
                }

                BeginMapping();
                foreach (KeyValuePair<string, IReadOnlyList<string>> header in headers)
                {
                    Key(header.Key);
                    Strings(header.Value);
                }

                EndMapping();
            }

            private void Strings(IEnumerable<string> values)
            {
                bool any = false;
                foreach (string value in values)
                {
                    if (!any)
                    {
                        _emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
                        any = true;
                    }

                    String(value);
                }

                if (any)
                {
                    _emitter.Emit(new SequenceEnd());
                }
                else
                {
                    EmptySequence();
                }
            }

            private void EmptySequence()
            {
                _emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Flow));
                _emitter.Emit(new SequenceEnd());
            }

            private void BeginMapping() => _emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));

            private void EndMapping() => _emitter.Emit(new MappingEnd());

            private void Key(string key) => String(key);

            private void Number(long value) => Plain(value.ToString(CultureInfo.InvariantCulture));

            private void Plain(string value) => _emitter.Emit(new Scalar(null, null, value, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));

            // Go's yaml encoder writes a string that is not UTF-8 as "!!binary" base64 in lines of 70 characters,
            // each ending in a line break when there is more than one (so the block is literal), else a plain scalar.
            private void Binary(byte[] bytes)
            {
                const int LineLength = 70;
                string base64 = Convert.ToBase64String(bytes);
                string value = base64;
                if (base64.Length > LineLength)
                {
                    var lines = new StringBuilder(base64.Length + (base64.Length / LineLength) + 1);
                    for (int i = 0; i < base64.Length; i += LineLength)
                    {
                        lines.Append(base64, i, Math.Min(LineLength, base64.Length - i)).Append('\n');
                    }

                    value = lines.ToString();
                }

                ScalarStyle style = value.IndexOf('\n') >= 0 ? ScalarStyle.Literal : ScalarStyle.Plain;
                _emitter.Emit(new Scalar(null, CassetteYamlReader.BinaryTag, value, style, isPlainImplicit: false, isQuotedImplicit: false));
            }

            private void String(string value) => _emitter.Emit(new Scalar(null, null, value, GoScalarStyle.For(value), isPlainImplicit: true, isQuotedImplicit: true));
        }
    }
}
