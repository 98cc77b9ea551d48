using System.Collections.Generic;
using System.Linq;
using StructGen.Cassettes;
using Xunit;

namespace StructGen.Tests.Cassettes
{
    public class CassetteHeadersTests
    {
        [Fact]
        public void Names_keep_their_spelling_and_order_but_look_up_case_insensitively()
        {
            var headers = new CassetteHeaders();
            headers.Add("Content-Type", "application/json");
            headers.Add("accept", "a");
            headers.Add("ACCEPT", "b");

            Assert.Equal(new[] { "Content-Type", "accept" }, headers.Select(h => h.Key));
            Assert.True(headers.TryGetValues("Accept", out IReadOnlyList<string> accept));
            Assert.Equal(new[] { "a", "b" }, accept);
            Assert.True(headers.Remove("content-type"));
            Assert.Equal(1, headers.Count);
        }

        [Fact]
        public void Set_replaces_values_even_with_its_own_list()
        {
            var headers = new CassetteHeaders();
            headers.Add("X", "1");
            headers.Add("X", "2");
            headers.TryGetValues("X", out IReadOnlyList<string> own);

            headers.Set("X", own);

            Assert.True(headers.TryGetValues("x", out IReadOnlyList<string> values));
            Assert.Equal(new[] { "1", "2" }, values);
        }

        [Fact]
        public void Form_style_maps_can_be_case_sensitive()
        {
            var form = new CassetteHeaders(System.StringComparer.Ordinal);
            form.Add("q", "1");

            Assert.False(form.Contains("Q"));
            Assert.False(form.TryGetValues("Q", out IReadOnlyList<string> none));
            Assert.Empty(none);
        }
    }
}
