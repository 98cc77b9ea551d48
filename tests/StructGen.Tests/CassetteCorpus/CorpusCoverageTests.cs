using System;
using System.Collections.Generic;
using System.Linq;
using StructGen.Cassettes;
using Xunit;

namespace StructGen.Tests.CassetteCorpus
{
    /// <summary>
    /// A recording dropped into <c>cassettes/</c> (or a <c>STRUCTGEN_CASSETTES</c> folder) must be replayed
    /// by one of the protocol corpora: one no protocol picks up would otherwise pass by being ignored.
    /// </summary>
    public class CorpusCoverageTests
    {
        [Fact]
        public void Every_recording_is_picked_up_by_a_protocol_corpus()
        {
            var ignored = new List<string>();
            foreach (var path in CorpusCassettes.YamlFiles(withProviderShapes: true))
            {
                Cassette cassette;
                try
                {
                    cassette = CassetteLoader.Load(path);
                }
                catch (CassetteFormatException)
                {
                    continue; // listed in the chat-completions corpus, whose test fails with the loader's message
                }

                if (cassette.Interactions.Count == 0)
                {
                    ignored.Add(path + ": no interactions");
                    continue;
                }

                var urls = cassette.Interactions.Select(i => i.Request.Url).ToList();
                bool replayed = CorpusCassettes.ProtocolUrls.Any(isProtocol =>
                    urls.All(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && isProtocol(uri)));
                if (!replayed) ignored.Add(path + ": " + string.Join(", ", urls.Distinct()));
            }

            Assert.True(
                ignored.Count == 0,
                "These recordings are replayed by no test: every request URL of a cassette must be one protocol's " +
                "(chat completions …/chat/completions, Responses …/responses, Anthropic Messages …/messages, Claude on Vertex AI or Amazon Bedrock, " +
                "Gemini …:generateContent or …:streamGenerateContent). Split mixed cassettes, or add an adapter for the endpoint:\n" +
                string.Join("\n", ignored));
        }
    }
}
