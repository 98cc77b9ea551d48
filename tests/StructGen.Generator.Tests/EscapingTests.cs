using System;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StructGen.Generator.Infrastructure;
using Xunit;

namespace StructGen.Generator.Tests
{
    /// <summary>The single escaping helper: JSON strings and C# literals round-trip exactly.</summary>
    public class EscapingTests
    {
        public static TheoryData<string> Texts
        {
            get
            {
                var data = new TheoryData<string>
                {
                    string.Empty, "plain", "quote \" here", "back\\slash", "new\nline\r\n", "tab\t", "*/ /* \"\"\" @\"",
                    "control \u0000\u0001\u001f\u007f", "sep \u2028\u2029\u0085", "emoji 😀 日本語 ü", "{0} {{}}",
                };
                var random = new Random(42);
                for (int i = 0; i < 40; i++)
                {
                    var builder = new StringBuilder();
                    int length = random.Next(1, 30);
                    for (int j = 0; j < length; j++)
                    {
                        // Mix ASCII, controls, quotes, backslashes, BMP and valid surrogate pairs.
                        switch (random.Next(6))
                        {
                            case 0: builder.Append((char)random.Next(0, 0x20)); break;
                            case 1: builder.Append("\"\\"[random.Next(2)]); break;
                            case 2: builder.Append((char)random.Next(0x20, 0x7f)); break;
                            case 3: builder.Append((char)random.Next(0xa0, 0xd7ff)); break;
                            case 4: builder.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x10ffff))); break;
                            default: builder.Append("\u2028\u0085"[random.Next(2)]); break;
                        }
                    }

                    data.Add(builder.ToString());
                }

                return data;
            }
        }

        [Theory]
        [MemberData(nameof(Texts))]
        public void Json_string_round_trips(string text)
        {
            string json = Escaping.JsonString(text);
            Assert.Equal(text, JsonDocument.Parse(json).RootElement.GetString());
            Assert.DoesNotContain('\n', json);
        }

        [Theory]
        [MemberData(nameof(Texts))]
        public void CSharp_literals_round_trip_through_the_compiler(string text)
        {
            Assert.Equal(text, Parse(Escaping.CSharpString(text)));
            Assert.Equal(text, Parse(Escaping.CSharpVerbatimString(text)));
        }

        [Fact]
        public void Compact_json_uses_a_verbatim_literal()
        {
            string json = Escaping.JsonString("say \"hi\"\n");
            Assert.Equal("@\"\"\"say \\\"\"hi\\\"\"\\n\"\"\"", Escaping.CSharpVerbatimString(json));
        }

        [Fact]
        public void Lone_surrogates_are_escaped_not_corrupted()
        {
            Assert.Equal("\"\\ud800x\"", Escaping.JsonString("\ud800x"));
            Assert.Equal("\"\\udc00\"", Escaping.CSharpString("\udc00"));
        }

        private static string Parse(string literal)
        {
            var expression = (LiteralExpressionSyntax)SyntaxFactory.ParseExpression(literal);
            Assert.Empty(expression.GetDiagnostics());
            return expression.Token.ValueText;
        }
    }
}
