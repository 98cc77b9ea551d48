using System;
using System.Linq;
using StructGen.Chat;
using Xunit;

namespace StructGen.Tests.Core
{
    /// <summary>The neutral message: a role and typed parts in order, with the views adapters read.</summary>
    public class ModelMessageTests
    {
        [Fact]
        public void Factories_build_one_typed_part_per_piece_in_the_order_providers_produce_them()
        {
            var reasoning = new ReasoningContent(WireProtocols.AnthropicMessages, "thinking", signature: "sig");
            var call = new ToolCall("call_1", "weather", "{\"location\":\"Florence\"}");
            var assistant = ModelMessage.Assistant("Let me look.", new[] { call }, new[] { reasoning });

            Assert.Equal(MessageRole.Assistant, assistant.Role);
            Assert.Collection(
                assistant.Parts,
                p => Assert.Same(reasoning, p),
                p => Assert.Equal("Let me look.", Assert.IsType<TextPart>(p).Text),
                p => Assert.Same(call, p));
            Assert.Equal("Let me look.", assistant.Text);
            Assert.Same(call, Assert.Single(assistant.ToolCalls));
            Assert.Same(reasoning, Assert.Single(assistant.Reasoning));
            Assert.Empty(assistant.ToolResults);

            var tool = ModelMessage.Tool("call_1", "40 C", "weather", isError: true);
            Assert.Equal(MessageRole.Tool, tool.Role);
            var result = Assert.IsType<ToolResult>(Assert.Single(tool.Parts));
            Assert.Equal(("call_1", "40 C", "weather", true), (result.CallId, result.Content, result.ToolName, result.IsError));
            Assert.Null(tool.Text);

            Assert.Equal(new[] { "system", "developer", "user" }, new[] { ModelMessage.System("s"), ModelMessage.Developer("d"), ModelMessage.User("u") }.Select(m => m.Role.Value));
            Assert.Null(ModelMessage.Assistant(null, new[] { call }).Text);
        }

        [Fact]
        public void Text_joins_every_text_part_and_a_tool_message_may_answer_several_calls()
        {
            var user = new ModelMessage(MessageRole.User, new MessagePart[] { new TextPart("Hello, "), new TextPart("world") });
            Assert.Equal("Hello, world", user.Text);

            var results = new ModelMessage(MessageRole.Tool, new MessagePart[] { new ToolResult("a", "1"), new ToolResult("b", "2") });
            Assert.Equal(new[] { "a", "b" }, results.ToolResults.Select(r => r.CallId));
        }

        [Fact]
        public void A_part_the_role_cannot_hold_is_rejected_with_its_index_and_the_fix()
        {
            var ex = Assert.Throws<ArgumentException>(() => new ModelMessage(MessageRole.User, new MessagePart[] { new TextPart("hi"), new ToolCall("c", "f", "{}") }));
            Assert.Contains("Part 1 (ToolCall) cannot go in a \"user\" message: a tool call belongs in an \"assistant\" message", ex.Message, StringComparison.Ordinal);

            ex = Assert.Throws<ArgumentException>(() => new ModelMessage(MessageRole.Tool, new MessagePart[] { new ToolResult("c", "ok"), new TextPart("and") }));
            Assert.Contains("a \"tool\" message holds only tool results", ex.Message, StringComparison.Ordinal);

            ex = Assert.Throws<ArgumentException>(() => new ModelMessage(MessageRole.Assistant, new MessagePart[] { new ToolResult("c", "ok") }));
            Assert.Contains("a tool result belongs in a \"tool\" message", ex.Message, StringComparison.Ordinal);

            ex = Assert.Throws<ArgumentException>(() => new ModelMessage(MessageRole.System, new MessagePart[] { new ReasoningContent(WireProtocols.Gemini, "x") }));
            Assert.Contains("reasoning belongs in an \"assistant\" message", ex.Message, StringComparison.Ordinal);

            Assert.Contains("at least one part", Assert.Throws<ArgumentException>(() => new ModelMessage(MessageRole.User, Array.Empty<MessagePart>())).Message, StringComparison.Ordinal);
            Assert.Contains("Part 0 is null", Assert.Throws<ArgumentException>(() => new ModelMessage(MessageRole.User, new MessagePart[] { null! })).Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentNullException>(() => new ModelMessage(MessageRole.User, null!));
            Assert.Throws<ArgumentException>(() => new ToolResult("", "x"));
            Assert.Throws<ArgumentException>(() => new MessageRole(""));
        }

        [Fact]
        public void Roles_compare_by_name_and_a_provider_role_is_kept_as_written()
        {
            Assert.Equal(MessageRole.User, new MessageRole("user"));
            Assert.True(MessageRole.Tool != MessageRole.Assistant);
            Assert.True(MessageRole.Developer.IsInstructions && MessageRole.System.IsInstructions && !MessageRole.User.IsInstructions);
            Assert.Equal("user", default(MessageRole).Value);

            var custom = ModelMessage.FromJson("{\"role\":\"function\",\"content\":\"42\"}");
            Assert.Equal("function", custom.Role.Value);
            Assert.Equal("42", custom.Text);
        }

        [Fact]
        public void A_raw_tool_message_reads_as_a_tool_result_and_a_raw_assistant_message_as_text_and_calls()
        {
            var tool = ModelMessage.FromJson("{\"role\":\"tool\",\"tool_call_id\":\"call_9\",\"content\":\"sunny\"}");
            var result = Assert.Single(tool.ToolResults);
            Assert.Equal(("call_9", "sunny"), (result.CallId, result.Content));

            var assistant = ModelMessage.FromJson("{\"role\":\"assistant\",\"content\":\"ok\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}");
            Assert.Equal("ok", assistant.Text);
            Assert.Equal("f", Assert.Single(assistant.ToolCalls).Name);
            Assert.IsType<TextPart>(assistant.Parts[0]);
        }
    }
}
