using System.Text.Json;
using Microsoft.Extensions.AI;
using StructGen.Extensions.AI;
using StructGen.Integrations.Tests.Fixtures;
using Xunit;
using StructGen.Tests.Shared;

namespace StructGen.Integrations.Tests.ExtensionsAI
{
    public class ResponseFormatTests
    {
        [Fact]
        public void ToChatResponseFormat_carries_the_generated_schema_name_and_description()
        {
            var format = HandBook.StructuredOutput.ToChatResponseFormat();

            Assert.Equal("Book", format.SchemaName);
            Assert.Equal(HandBook.Description, format.SchemaDescription);
            Assert.NotNull(format.Schema);
            Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(HandBook.Schema).RootElement, format.Schema!.Value));
            Assert.True(HandBook.StructuredOutput.IsStrict());
        }

        [Fact]
        public void CreateChatOptions_sets_format_and_strict_and_leaves_the_callers_options_alone()
        {
            var original = new ChatOptions { Temperature = 0.25f, ModelId = "m", AdditionalProperties = new AdditionalPropertiesDictionary { ["x"] = 1 } };

            var options = HandBook.StructuredOutput.CreateChatOptions(original);

            var format = Assert.IsType<ChatResponseFormatJson>(options.ResponseFormat);
            Assert.Equal("Book", format.SchemaName);
            Assert.Equal(true, options.AdditionalProperties![AdditionalPropertyKeys.StrictJsonSchema]);
            Assert.Equal(1, options.AdditionalProperties["x"]);
            Assert.Equal(0.25f, options.Temperature);
            Assert.Equal("m", options.ModelId);

            Assert.Null(original.ResponseFormat);
            Assert.False(original.AdditionalProperties.ContainsKey(AdditionalPropertyKeys.StrictJsonSchema));
        }

        [Fact]
        public void CreateChatOptions_keeps_an_explicit_strict_setting()
        {
            var options = HandBook.StructuredOutput.CreateChatOptions(new ChatOptions
            {
                AdditionalProperties = new AdditionalPropertiesDictionary { [AdditionalPropertyKeys.StrictJsonSchema] = false },
            });

            Assert.Equal(false, options.AdditionalProperties![AdditionalPropertyKeys.StrictJsonSchema]);
        }
    }
}
