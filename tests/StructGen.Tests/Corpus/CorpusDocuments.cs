using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using StructGen.Streaming;
using StructGen.Streaming.Generated;

namespace StructGen.Tests.Corpus
{
    /// <summary>A document of one corpus type and the two ways to read it: ours (streaming) and System.Text.Json.</summary>
    public sealed class CorpusCase
    {
        public CorpusCase(string name, string json, Func<IStreamingAdapter> create, Func<string, object?> systemTextJson)
        {
            Name = name;
            Json = json;
            Create = create;
            SystemTextJson = systemTextJson;
        }

        public string Name { get; }

        public string Json { get; }

        public Func<IStreamingAdapter> Create { get; }

        public Func<string, object?> SystemTextJson { get; }

        public override string ToString() => Name;
    }

    /// <summary>Erases the generic parser so the property tests can run over every corpus type.</summary>
    public interface IStreamingAdapter
    {
        bool Append(string delta);

        object? Current { get; }

        object? Complete();
    }

    public sealed class StreamingAdapter<T, TPartial> : IStreamingAdapter
        where TPartial : class
    {
        private readonly StreamingParser<T, TPartial> _parser;

        public StreamingAdapter(StructuredOutputType<T, TPartial> type) => _parser = type.CreateParser();

        public bool Append(string delta) => _parser.Append(delta);

        public object? Current => _parser.Current;

        public object? Complete() => _parser.Complete();
    }

    public static class CorpusDocuments
    {
        public static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        };

        public static IReadOnlyList<CorpusCase> All { get; } = new[]
        {
            Case("scalars", Scalars.StructuredOutput,
                "{\"text\":\"caf\\u00e9 \\\"quoted\\\" \\\\ 😀 日本\\n\",\"letter\":\"x\",\"flag\":true,\"b\":255,\"s\":-32768,\"i\":2147483647,\"l\":-9007199254740993,\"us\":65535,\"ui\":4294967295,\"ul\":18446744073709551615,\"f\":1.5,\"d\":-2.5e-300,\"m\":79228162514264337593543950335,\"mood\":\"very_sad\"}"),
            Case("nullables-null", Nullables.StructuredOutput,
                "{\"maybe_int\":null,\"maybe_text\":null,\"maybe_mood\":null,\"maybe_item\":null,\"maybe_tags\":null,\"maybe_flag\":null}"),
            Case("nullables-set", Nullables.StructuredOutput,
                "{\"maybe_int\":-7,\"maybe_text\":\"\",\"maybe_mood\":\"meh\",\"maybe_item\":{\"name\":\"n\",\"count\":0},\"maybe_tags\":[\"a\",\"\"],\"maybe_flag\":false}"),
            Case("collections", Collections.StructuredOutput,
                "{\"tags\":[\"alpha\",\"beta gamma\"],\"numbers\":[1,-2,30],\"items\":[{\"name\":\"a\",\"count\":1},{\"name\":\"b\",\"count\":22}],\"set\":[\"x\",\"y\"],\"imm\":[],\"moods\":[\"happy\",\"meh\"],\"matrix\":[[1,2],[],[3]],\"holes\":[\"a\",null,\"c\"]}"),
            Case("formats", Formats.StructuredOutput,
                "{\"when\":\"2024-02-29T13:45:00Z\",\"when_offset\":\"2024-02-29T13:45:00+02:00\",\"day\":\"2024-02-29\",\"time\":\"13:45:10\",\"span\":\"01:30:00\",\"id\":\"6f9619ff-8b86-d011-b42d-00c04fc964ff\",\"link\":\"https://example.com/a?b=c\"}"),
            Case("tree", Tree.StructuredOutput,
                "{\"label\":\"root\",\"children\":[{\"label\":\"a\",\"children\":[],\"next\":null},{\"label\":\"b\",\"children\":[{\"label\":\"b1\",\"children\":[],\"next\":null}],\"next\":{\"label\":\"n\",\"children\":[],\"next\":null}}],\"next\":null}"),
            Case("drawing", Drawing.StructuredOutput,
                "{\"shapes\":[{\"kind\":\"circle\",\"radius\":1.25},{\"kind\":\"square\",\"side\":2,\"color\":\"red\"}],\"main\":{\"kind\":\"square\",\"side\":3.5,\"color\":\"blue\"}}"),
            Case("status", Status.StructuredOutput, "{\"state\":\"open\",\"code\":200}"),
            Case("initialized", Initialized.StructuredOutput,
                "{\"name\":\"init\",\"size\":3,\"renamed\":\"other\"}"),
        };

        private static CorpusCase Case<T, TPartial>(string name, StructuredOutputType<T, TPartial> type, string json)
            where TPartial : class =>
            new CorpusCase(name, json, () => new StreamingAdapter<T, TPartial>(type), text => JsonSerializer.Deserialize<T>(text, Options));

        /// <summary>A canonical text of a value, to compare two readers' results.</summary>
        public static string Canonical(object? value) => JsonSerializer.Serialize(value, value?.GetType() ?? typeof(object), Options);
    }
}
