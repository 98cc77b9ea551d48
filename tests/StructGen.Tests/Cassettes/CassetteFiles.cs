using System;
using System.Collections.Generic;
using System.IO;

namespace StructGen.Tests.Cassettes
{
    /// <summary>The seed cassettes, as copied next to the test assembly.</summary>
    internal static class CassetteFiles
    {
        public const string SimpleStreaming = "openai-o4-mini/simple_streaming.yaml";
        public const string SimpleStreamingOpenAiGo = "openai-o4-mini/simple_streaming.openai-go.yaml";
        public const string ComplexObjectStreaming = "openai-o4-mini/complex_object_streaming.yaml";
        public const string O4MiniToolStreaming = "openai-o4-mini/tool_streaming.yaml";
        public const string Gpt4oMiniToolStreaming = "openai-gpt-4o-mini/tool_streaming.yaml";

        public const string ChatCompletionsUrl = "https://api.openai.com/v1/chat/completions";

        /// <summary>Every seed cassette with its interaction count.</summary>
        public static IEnumerable<object[]> All()
        {
            yield return new object[] { SimpleStreaming, 1 };
            yield return new object[] { SimpleStreamingOpenAiGo, 1 };
            yield return new object[] { ComplexObjectStreaming, 1 };
            yield return new object[] { O4MiniToolStreaming, 2 };
            yield return new object[] { Gpt4oMiniToolStreaming, 2 };
        }

        public static string PathOf(string relative) =>
            Path.Combine(AppContext.BaseDirectory, "cassettes", relative.Replace('/', Path.DirectorySeparatorChar));
    }
}
