using System.Text.Json;
using StructGen.Generator.Model;
using StructGen.Generator.Resolution;
using Xunit;

namespace StructGen.Generator.Tests
{
    /// <summary>Our naming policies split words exactly like System.Text.Json's.</summary>
    public class NamingPolicyTests
    {
        public static TheoryData<string> Names => new()
        {
            "PublishedYear", "XMLHttpRequest", "ID", "Id", "iPhone", "URLValue", "Item2", "Item2B", "ABC", "A", "a",
            "_private", "Already_snake", "HTTPStatus", "VeryLow", "UBig", "Títle", "数量", "ÜberName", "ABCdef", "aBC",
            "X1Y2", "Kebab-Case", "snake_Case_Name", "IOStream", "MyURLs", "Value2Go", "ÉtéÀ", "İstanbul",
        };

        [Theory]
        [MemberData(nameof(Names))]
        public void Snake_kebab_and_camel_case_match_System_Text_Json(string name)
        {
            Assert.Equal(JsonNamingPolicy.SnakeCaseLower.ConvertName(name), NamingPolicies.Convert(NamingPolicy.SnakeCaseLower, name));
            Assert.Equal(JsonNamingPolicy.SnakeCaseUpper.ConvertName(name), NamingPolicies.Convert(NamingPolicy.SnakeCaseUpper, name));
            Assert.Equal(JsonNamingPolicy.KebabCaseLower.ConvertName(name), NamingPolicies.Convert(NamingPolicy.KebabCaseLower, name));
            Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(name), NamingPolicies.Convert(NamingPolicy.CamelCase, name));
            Assert.Equal(name, NamingPolicies.Convert(NamingPolicy.AsDeclared, name));
        }

        [Fact]
        public void Verbatim_identifier_prefix_is_not_part_of_the_name() =>
            Assert.Equal("event", NamingPolicies.Convert(NamingPolicy.SnakeCaseLower, "@event"));
    }
}
