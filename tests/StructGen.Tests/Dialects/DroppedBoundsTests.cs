using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using StructGen.Chat;
using StructGen.Tests.Protocols.Anthropic;
using StructGen.Tests.Protocols.Gemini;
using Xunit;
using static StructGen.Tests.Protocols.Anthropic.AnthropicTestClients;

namespace StructGen.Tests.Dialects
{
    // One member per DataAnnotations bound: Anthropic drops the numeric and item bounds, Gemini the pattern and
    // exclusive bounds, and string lengths are only described in every dialect; all are checked on the final value.
    [StructuredOutput]
    public partial record Bounded(
        [property: Range(1, 5)] int Stars,
        [property: Range(0.5, 1.5, MinimumIsExclusive = true, MaximumIsExclusive = true)] double Ratio,
        [property: Length(2, 3)] List<string> Tags,
        [property: RegularExpression("^[A-Z]{3}$")] string Code,
        [property: StringLength(6, MinimumLength = 2)] string Nick,
        [property: EmailAddress] string Mail,
        [property: Range(10, 20)] long? Count);

    /// <summary>A final value that breaks a bound its dialect dropped fails our validation, naming path, bound and value.</summary>
    public class DroppedBoundsTests
    {
        private static readonly Dictionary<string, string> Valid = new()
        {
            ["stars"] = "3",
            ["ratio"] = "1",
            ["tags"] = "[\"a\",\"b\"]",
            ["code"] = "\"ABC\"",
            ["nick"] = "\"ann\"",
            ["mail"] = "\"a@b.c\"",
            ["count"] = "null",
        };

        private static string Document(string member, string value)
        {
            var members = new List<string>();
            foreach (var (name, json) in Valid) members.Add("\"" + name + "\":" + (name == member ? value : json));
            return "{" + string.Join(",", members) + "}";
        }

        public static IEnumerable<object[]> Violations()
        {
            // keyword, member, value, message, dialects that drop the keyword from the schema they send
            var cases = new (string Keyword, string Member, string Value, string Message, string DroppedBy)[]
            {
                ("minimum", "stars", "0", "Constraint not met at $.stars: expected at least 1 (minimum) but got 0.", "anthropic"),
                ("maximum", "stars", "6", "Constraint not met at $.stars: expected at most 5 (maximum) but got 6.", "anthropic"),
                ("exclusiveMinimum", "ratio", "0.5", "Constraint not met at $.ratio: expected more than 0.5 (exclusiveMinimum) but got 0.5.", "anthropic gemini"),
                ("exclusiveMaximum", "ratio", "1.5", "Constraint not met at $.ratio: expected less than 1.5 (exclusiveMaximum) but got 1.5.", "anthropic gemini"),
                ("minItems", "tags", "[\"a\"]", "Constraint not met at $.tags: expected at least 2 items (minItems) but got 1 item.", "anthropic"),
                ("maxItems", "tags", "[\"a\",\"b\",\"c\",\"d\"]", "Constraint not met at $.tags: expected at most 3 items (maxItems) but got 4 items.", "anthropic"),
                ("pattern", "code", "\"ABCD\"", "Constraint not met at $.code: expected a string matching ^[A-Z]{3}$ (pattern) but got \"ABCD\".", "gemini"),
                ("minLength", "nick", "\"a\"", "Constraint not met at $.nick: expected at least 2 characters (minLength) but got 1 character: \"a\".", "anthropic gemini"),
                ("maxLength", "nick", "\"abcdefg\"", "Constraint not met at $.nick: expected at most 6 characters (maxLength) but got 7 characters: \"abcdefg\".", "anthropic gemini"),
                ("format", "mail", "\"nobody\"", "Constraint not met at $.mail: expected an e-mail address (format: email) but got \"nobody\".", ""),
                ("minimum", "count", "9", "Constraint not met at $.count: expected at least 10 (minimum) but got 9.", "anthropic"),
            };
            foreach (var c in cases)
            {
                foreach (var client in new[] { "anthropic", "gemini" })
                {
                    yield return new object[] { client, c.Keyword, c.Member, c.Value, c.Message, c.DroppedBy.Contains(client, StringComparison.Ordinal) };
                }
            }
        }

        [Theory]
        [MemberData(nameof(Violations))]
        public async Task A_value_breaking_a_bound_fails_final_validation_with_path_bound_and_value(string client, string keyword, string member, string value, string message, bool droppedFromSchema)
        {
            var (run, sentSchema) = Generate(client, Document(member, value));
            var error = await Assert.ThrowsAsync<StructuredOutputException>(run);
            Assert.Equal(StructuredOutputErrorKind.ConstraintViolated, error.Kind);
            Assert.Equal("$." + member, error.Path);
            Assert.Equal(message, error.Message);

            // The provider was not asked for the bound (its dialect rejects it): only our validation caught it.
            string schema = sentSchema()!.ToJsonString();
            if (droppedFromSchema) Assert.DoesNotContain("\"" + keyword + "\"", schema, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("anthropic")]
        [InlineData("gemini")]
        public async Task Values_on_the_bounds_pass(string client)
        {
            string document = "{\"stars\":5,\"ratio\":1.4999,\"tags\":[\"a\",\"b\",\"c\"],\"code\":\"XYZ\",\"nick\":\"abcdef\",\"mail\":\"x@y\",\"count\":20}";
            var (run, _) = Generate(client, document);
            await run();
            var value = Bounded.StructuredOutput.Parse(document);
            Assert.Equal((5, 20L, 3), (value.Stars, value.Count!.Value, value.Tags.Count));
        }

        /// <summary>Runs GenerateBoundedAsync through the client's native JSON output (its own dialect), answering <paramref name="json"/>.</summary>
        private static (Func<Task> Run, Func<JsonNode?> SentSchema) Generate(string client, string json)
        {
            var options = new ChatRequestOptions { StructuredOutputMode = StructuredOutputMode.ResponseFormat };
            if (client == "anthropic")
            {
                var handler = new ScriptedHandler().Then(Events(MessageStart(), BlockStart(0, "{\"type\":\"text\",\"text\":\"\"}"), TextDelta(0, json), BlockStop(0), MessageDelta("end_turn", 30), MessageStop()));
                return (
                    async () => await Over(handler).GenerateBoundedAsync("Rate it", options),
                    () => JsonNode.Parse(handler.RequestBodies[0])!["output_config"]!["format"]!["schema"]);
            }

            var queued = new QueuedHandler().Add(GeminiEvents.Event(new[] { GeminiEvents.Text(json) }, "STOP"));
            return (
                async () =>
                {
                    using var gemini = GeminiCassettes.Fake(queued);
                    await gemini.GenerateBoundedAsync("Rate it", options);
                },
                () => queued.JsonBodies[0]["generationConfig"]!["responseJsonSchema"]);
        }
    }
}
