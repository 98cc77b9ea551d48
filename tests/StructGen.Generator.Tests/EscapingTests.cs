using System;
using System.Text.Json;
using CsCheck;
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
        /// <summary>Hand-picked edge cases; <see cref="RandomText"/> adds generated ones.</summary>
        public static TheoryData<string> Texts => new()
        {
            string.Empty, "plain", "quote \" here", "back\\slash", "new\nline\r\n", "tab\t", "*/ /* \"\"\" @\"",
            "control \u0000\u0001\u001f\u007f", "sep \u2028\u2029\u0085", "emoji 😀 日本語 ü", "{0} {{}}",
        };

        /// <summary>
        /// Texts mixing controls, quotes, backslashes, printable ASCII, BMP characters, valid surrogate pairs
        /// and line separators. CsCheck shrinks a failing text to a short one and prints the seed to rerun it.
        /// </summary>
        private static readonly Gen<string> RandomText = Gen.OneOf<string>(
                Gen.Char[(char)0, (char)0x1f].Select(c => c.ToString()),
                Gen.OneOf("\"", "\\"),
                Gen.Char[' ', '~'].Select(c => c.ToString()),
                Gen.Char['\u00a0', '\ud7ff'].Select(c => c.ToString()),
                Gen.Int[0x10000, 0x10ffff].Select(char.ConvertFromUtf32),
                Gen.OneOf("\u2028", "\u0085"))
            .Array[0, 30]
            .Select(string.Concat);

        [Theory]
        [MemberData(nameof(Texts))]
        public void Json_string_round_trips(string text) => AssertJsonRoundTrip(text);

        [Fact]
        public void Json_string_round_trips_generated_texts() => RandomText.Sample(AssertJsonRoundTrip, iter: 500);

        [Theory]
        [MemberData(nameof(Texts))]
        public void CSharp_literals_round_trip_through_the_compiler(string text) => AssertCSharpRoundTrip(text);

        [Fact]
        public void CSharp_literals_of_generated_texts_round_trip_through_the_compiler() => RandomText.Sample(AssertCSharpRoundTrip, iter: 500);

        private static void AssertJsonRoundTrip(string text)
        {
            string json = Escaping.JsonString(text);
            Assert.Equal(text, JsonDocument.Parse(json).RootElement.GetString());
            Assert.DoesNotContain('\n', json);
        }

        private static void AssertCSharpRoundTrip(string text)
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
