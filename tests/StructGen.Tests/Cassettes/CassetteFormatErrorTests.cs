using System;
using System.IO;
using StructGen.Cassettes;
using Xunit;

namespace StructGen.Tests.Cassettes
{
    public class CassetteFormatErrorTests
    {
        private const string ValidInteraction =
            "- id: 0\n"
            + "  request:\n"
            + "    url: http://example.test/\n"
            + "    method: GET\n"
            + "  response:\n"
            + "    body: ok\n"
            + "    status: 200 OK\n"
            + "    code: 200\n"
            + "    duration: 1s\n";

        [Fact]
        public void Unsupported_version_names_the_version_and_its_line()
        {
            var ex = Assert.Throws<CassetteFormatException>(() => CassetteLoader.Parse("---\nversion: 3\ninteractions: []\n", "x.yaml"));

            Assert.Equal(2, ex.Line);
            Assert.Equal("x.yaml", ex.FilePath);
            Assert.Contains("unsupported cassette format version 3 (expected 1 or 2)", ex.Message, StringComparison.Ordinal);
            Assert.Contains("x.yaml", ex.Message, StringComparison.Ordinal);
            Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Missing_version_is_reported()
        {
            var ex = Assert.Throws<CassetteFormatException>(() => CassetteLoader.Parse("interactions: []\n"));

            Assert.Contains("has no 'version'", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Non_integer_code_points_at_its_line()
        {
            string yaml = "version: 2\ninteractions:\n" + ValidInteraction.Replace("code: 200", "code: OK", StringComparison.Ordinal);

            var ex = Assert.Throws<CassetteFormatException>(() => CassetteLoader.Parse(yaml));

            Assert.Equal(10, ex.Line);
            Assert.Contains("interaction 0 response 'code' must be an integer but was \"OK\"", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Missing_method_is_reported()
        {
            string yaml = "version: 2\ninteractions:\n" + ValidInteraction.Replace("    method: GET\n", string.Empty, StringComparison.Ordinal);

            var ex = Assert.Throws<CassetteFormatException>(() => CassetteLoader.Parse(yaml));

            Assert.Contains("interaction 0 request has no 'method'", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Header_values_that_are_a_mapping_are_rejected()
        {
            string yaml = "version: 2\ninteractions:\n" + ValidInteraction.Replace("    body: ok\n", "    body: ok\n    headers:\n      Accept:\n        nested: x\n", StringComparison.Ordinal);

            var ex = Assert.Throws<CassetteFormatException>(() => CassetteLoader.Parse(yaml));

            Assert.Contains("'headers' 'Accept' must be a list but was a mapping", ex.Message, StringComparison.Ordinal);
            Assert.Equal(11, ex.Line); // the line of the offending mapping
        }

        [Fact]
        public void Interactions_must_be_a_list()
        {
            var ex = Assert.Throws<CassetteFormatException>(() => CassetteLoader.Parse("version: 2\ninteractions: yes please\n"));

            Assert.Contains("'interactions' must be a list", ex.Message, StringComparison.Ordinal);
            Assert.Equal(2, ex.Line);
        }

        [Fact]
        public void Invalid_yaml_is_reported_with_file_and_line()
        {
            string path = Path.Combine(Path.GetTempPath(), "structgen-bad-" + Guid.NewGuid().ToString("N") + ".yaml");
            File.WriteAllText(path, "version: 2\ninteractions:\n- id: 0\n  request: 'unterminated\n");
            try
            {
                var ex = Assert.Throws<CassetteFormatException>(() => CassetteLoader.Load(path));

                Assert.Equal(path, ex.FilePath);
                Assert.True(ex.Line >= 4, "line was " + ex.Line);
                Assert.Contains("not valid YAML", ex.Message, StringComparison.Ordinal);
                Assert.Contains(path, ex.Message, StringComparison.Ordinal);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Empty_text_is_reported()
        {
            var ex = Assert.Throws<CassetteFormatException>(() => CassetteLoader.Parse(string.Empty));

            Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Bad_duration_is_reported()
        {
            string yaml = "version: 2\ninteractions:\n" + ValidInteraction.Replace("duration: 1s", "duration: soon", StringComparison.Ordinal);

            var ex = Assert.Throws<CassetteFormatException>(() => CassetteLoader.Parse(yaml));

            Assert.Contains("must be a Go duration", ex.Message, StringComparison.Ordinal);
        }
    }
}
