using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StructGen.Generator.Parsing;
using StructGen.Generator.Tests.Infrastructure;
using Xunit;

namespace StructGen.Generator.Tests
{
    /// <summary>
    /// The transform runs for every annotated type on every edit, so it takes shortcuts around two compiler
    /// calls (issue 19, W4). Each shortcut must answer exactly what the call it skips would have answered.
    /// </summary>
    public class TransformShortcutsTests
    {
        private const string Lookalikes = """
            using System;
            using System.ComponentModel;
            using System.Text.Json.Serialization;

            namespace System.Text.Json
            {
                // Displays as "System.Text.Json.Serialization.JsonIgnoreAttribute" although it is a nested type.
                public class Serialization
                {
                    public sealed class JsonIgnoreAttribute : Attribute { }
                }
            }

            namespace Other.System.ComponentModel
            {
                public sealed class DescriptionAttribute : Attribute { }
            }

            namespace System.ComponentModel.DataAnnotations
            {
                public sealed class RangeAttribute<T> : Attribute { }
            }

            public sealed class DescriptionAttribute : Attribute { }

            public sealed class StructGen { public sealed class StreamAtomicAttribute : Attribute { } }

            public class Uses
            {
                [System.ComponentModel.Description("real")] public int A { get; set; }
                [global::DescriptionAttribute] public int B { get; set; }
                [Other.System.ComponentModel.Description] public int C { get; set; }
                [System.Text.Json.Serialization.JsonIgnore] public int D { get; set; }
                [global::System.Text.Json.Serialization.JsonIgnoreAttribute] public int E { get; set; }
                [System.ComponentModel.DataAnnotations.Range<int>] public int F { get; set; }
                [System.ComponentModel.DataAnnotations.Range(1, 2)] public int G { get; set; }
                [global::StructGen.StreamAtomic] public string H { get; set; } = "";
                [global::StructGen.StreamAtomicAttribute] public string I { get; set; } = "";
                [NoSuchThing] public int J { get; set; }
                [System.ComponentModel.NoSuchThing] public int K { get; set; }
                [Flags] public int L { get; set; }
                [Obsolete] public int M { get; set; }
            }
            """;

        [Fact]
        public void Attribute_name_match_agrees_with_the_display_string_for_every_known_name()
        {
            CSharpCompilation compilation = TestCompiler.Create(Lookalikes);
            INamedTypeSymbol uses = compilation.GetTypeByMetadataName("Uses")!;
            List<INamedTypeSymbol?> classes = uses.GetMembers().SelectMany(m => m.GetAttributes()).Select(a => a.AttributeClass).ToList();
            Assert.Equal(13, classes.Count);
            Assert.Contains(classes, c => c is { TypeKind: TypeKind.Error });

            string[] names = typeof(KnownNames).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string))
                .Select(f => (string)f.GetRawConstantValue()!)
                .Concat(new[] { "System.ComponentModel.NoSuchThing", "NoSuchThing", "DescriptionAttribute", "ComponentModel.DescriptionAttribute", "System.ObsoleteAttribute", "" })
                .ToArray();
            Assert.Contains(KnownNames.JsonIgnoreAttribute, names);

            int matches = 0;
            foreach (INamedTypeSymbol? attributeClass in classes.Append(null))
            {
                foreach (string name in names)
                {
                    bool expected = attributeClass?.ToDisplayString() == name;
                    Assert.True(
                        expected == SymbolExtensions.HasDisplayName(attributeClass, name),
                        "'" + attributeClass?.ToDisplayString() + "' against '" + name + "': expected " + expected);
                    matches += expected ? 1 : 0;
                }
            }

            // The real attributes, the nested look-alike, the namespace look-alike and the real Range/Flags/Obsolete all match.
            Assert.True(matches >= 9, "only " + matches + " matches: the sample lost its look-alikes");
        }

        private const string Documented = """
            using System;

            namespace Demo
            {
                /// <summary>A documented record.</summary>
                /// <param name="Title">The title.</param>
                public partial record Documented(string Title, int Count)
                {
                    /// <summary>A documented property.</summary>
                    public string? Extra { get; init; }

                    public string? Plain { get; init; }
                }

                public partial record Undocumented(string Title, int Count)
                {
                    public string? Plain { get; init; }

                    public enum Kind { A, B }
                }

                public partial record WithDirective(string Title)
                {
            #nullable enable
                    public string? Plain { get; init; }
                }

                public class Holder
                {
                    /// <summary>Documented nested class.</summary>
                    public class Nested { public int Value { get; set; } }

                    public class Bare { public int Value { get; set; } }
                }

                public enum Color
                {
                    /// <summary>Red.</summary>
                    Red,
                    Green,
                }

                public enum Shade { Light, Dark }

                public class WithConstructor
                {
                    /// <param name="value">The value.</param>
                    public WithConstructor(int value) { Value = value; }

                    public int Value { get; }
                }
            }
            """;

        [Fact]
        public void Doc_comment_shortcut_only_skips_symbols_without_a_comment()
        {
            CSharpCompilation compilation = TestCompiler.Create(Documented);
            var symbols = new List<ISymbol>();
            void Walk(INamespaceOrTypeSymbol container)
            {
                foreach (ISymbol member in container.GetMembers())
                {
                    symbols.Add(member);
                    if (member is IMethodSymbol method)
                    {
                        symbols.AddRange(method.Parameters);
                    }

                    if (member is INamespaceOrTypeSymbol nested)
                    {
                        Walk(nested);
                    }
                }
            }

            Walk(compilation.GlobalNamespace.GetNamespaceMembers().Single(n => n.Name == "Demo"));
            symbols.Add(compilation.GetTypeByMetadataName("System.String")!); // metadata: always asks the compiler
            Assert.True(symbols.Count > 40, symbols.Count + " symbols");

            int skipped = 0;
            foreach (ISymbol symbol in symbols)
            {
                if (DescriptionReader.HasNoDocumentationComment(symbol, CancellationToken.None))
                {
                    skipped++;
                    Assert.True(
                        string.IsNullOrEmpty(symbol.GetDocumentationCommentXml()),
                        symbol.ToDisplayString() + " was skipped but has a documentation comment");
                }
            }

            // The shortcut applies: everything in Undocumented, Bare and Shade is skipped.
            Assert.True(skipped >= 10, "only " + skipped + " symbols skipped");
            Assert.False(DescriptionReader.HasNoDocumentationComment(compilation.GetTypeByMetadataName("System.String")!, CancellationToken.None));
            Assert.True(DescriptionReader.HasNoDocumentationComment(compilation.GetTypeByMetadataName("Demo.Shade")!, CancellationToken.None));
            Assert.False(DescriptionReader.HasNoDocumentationComment(compilation.GetTypeByMetadataName("Demo.WithDirective")!.GetMembers("Plain").Single(), CancellationToken.None));

            // And the descriptions still come from the comments the shortcut must not hide.
            INamedTypeSymbol documented = compilation.GetTypeByMetadataName("Demo.Documented")!;
            Assert.Equal("A documented record.", DescriptionReader.FromXml(documented, "summary", null, CancellationToken.None));
            Assert.Equal("A documented property.", DescriptionReader.FromXml(documented.GetMembers("Extra").Single(), "summary", null, CancellationToken.None));
            IMethodSymbol primary = documented.InstanceConstructors.Single(c => c.Parameters.Length == 2);
            Assert.Equal("The title.", DescriptionReader.FromXml(primary, "param", "Title", CancellationToken.None));
            Assert.Equal("Red.", DescriptionReader.FromXml(compilation.GetTypeByMetadataName("Demo.Color")!.GetMembers("Red").Single(), "summary", null, CancellationToken.None));
            Assert.Equal("Documented nested class.", DescriptionReader.FromXml(compilation.GetTypeByMetadataName("Demo.Holder+Nested")!, "summary", null, CancellationToken.None));
            IMethodSymbol constructor = compilation.GetTypeByMetadataName("Demo.WithConstructor")!.InstanceConstructors.Single();
            Assert.Equal("The value.", DescriptionReader.FromXml(constructor, "param", "value", CancellationToken.None));
        }

        [Fact]
        public void Remembered_doc_comment_answers_match_fresh_ones_in_any_order()
        {
            CSharpCompilation compilation = TestCompiler.Create(Documented);
            var symbols = new List<ISymbol>();
            foreach (INamedTypeSymbol type in compilation.GetSymbolsWithName(_ => true, SymbolFilter.Type).OfType<INamedTypeSymbol>())
            {
                symbols.Add(type);
                foreach (ISymbol member in type.GetMembers())
                {
                    symbols.Add(member);
                    if (member is IMethodSymbol method)
                    {
                        symbols.AddRange(method.Parameters);
                    }
                }
            }

            Assert.True(symbols.Count > 40, symbols.Count + " symbols");
            foreach (IEnumerable<ISymbol> order in new[] { symbols, Enumerable.Reverse(symbols), symbols.Where((_, i) => i % 2 == 0).Concat(symbols.Where((_, i) => i % 2 == 1)) })
            {
                var scopes = new DescriptionReader.DocCommentScopes();
                foreach (ISymbol symbol in order)
                {
                    Assert.True(
                        DescriptionReader.HasNoDocumentationComment(symbol, CancellationToken.None) == DescriptionReader.HasNoDocumentationComment(symbol, CancellationToken.None, scopes),
                        symbol.ToDisplayString());
                }
            }
        }

        [Fact]
        public void Known_metadata_name_match_agrees_with_the_full_metadata_name()
        {
            CSharpCompilation compilation = TestCompiler.Create("""
                namespace Other.System.Collections.Generic { public class List<T> { } }
                namespace System.Collections { public class Guid { } }
                namespace Demo { public class Uri { } public class Outer { public class TimeSpan { } } }
                public class DateOnly { }
                """);
            var types = new List<INamedTypeSymbol>
            {
                compilation.GetTypeByMetadataName("Other.System.Collections.Generic.List`1")!,
                compilation.GetTypeByMetadataName("System.Collections.Guid")!,
                compilation.GetTypeByMetadataName("Demo.Uri")!,
                compilation.GetTypeByMetadataName("Demo.Outer+TimeSpan")!,
                compilation.GetTypeByMetadataName("DateOnly")!,
                compilation.GetSpecialType(SpecialType.System_String),
                compilation.GetTypeByMetadataName("System.Collections.Generic.Dictionary`2")!,
            };
            string[] known =
            {
                "System.Collections.Generic.List`1", "System.Collections.Generic.IList`1", "System.Collections.Generic.ICollection`1",
                "System.Collections.Generic.IEnumerable`1", "System.Collections.Generic.IReadOnlyList`1", "System.Collections.Generic.IReadOnlyCollection`1",
                "System.Collections.Generic.HashSet`1", "System.Collections.Generic.ISet`1", "System.Collections.Immutable.ImmutableArray`1",
                "System.Collections.Immutable.ImmutableList`1", "System.DateTimeOffset", "System.DateOnly", "System.TimeOnly", "System.TimeSpan",
                "System.Guid", "System.Uri", "System.Int128", "System.UInt128", "System.Half", "System.Text.Json.JsonElement",
                "System.Text.Json.JsonDocument", "System.Text.Json.Nodes.JsonNode", "System.Text.Json.Nodes.JsonObject",
                "System.Text.Json.Nodes.JsonArray", "System.Text.Json.Nodes.JsonValue",
            };
            foreach (string name in known)
            {
                INamedTypeSymbol? type = compilation.GetTypeByMetadataName(name);
                Assert.True(type is not null, name + " is not in the test references");
                types.Add(type!);
                types.Add(type!.IsGenericType ? type.Construct(compilation.GetSpecialType(SpecialType.System_Int32)) : type);
            }

            foreach (INamedTypeSymbol type in types)
            {
                string full = type.GetFullMetadataName();
                string expected = known.Contains(full) ? full : string.Empty;
                Assert.Equal(expected, TypeRefMapper.KnownMetadataName(type));
            }
        }

        private const string DisplayShapes = """
            #nullable enable
            using System;
            using System.Collections.Generic;

            namespace Demo.@class
            {
                public enum Color { Red }
                public struct Point { public int X; }
                public class Outer<T> { public class Inner { } public enum Mode { A } }
                public class Outer { public class Inner { } }

                public class Shapes
                {
                    public string A { get; set; } = "";
                    public string? B { get; set; }
                    public object C { get; set; } = new();
                    public object? D { get; set; }
                    public int E { get; set; }
                    public int? F { get; set; }
                    public bool G { get; set; }
                    public char H { get; set; }
                    public sbyte I { get; set; }
                    public byte J { get; set; }
                    public short K { get; set; }
                    public ushort L { get; set; }
                    public uint M { get; set; }
                    public long N { get; set; }
                    public ulong O { get; set; }
                    public float P { get; set; }
                    public double Q { get; set; }
                    public decimal R { get; set; }
                    public decimal? S { get; set; }
                    public nint T { get; set; }
                    public IntPtr U { get; set; }
                    public nuint? V { get; set; }
                    public dynamic W { get; set; } = 0;
                    public string[] X { get; set; } = new string[0];
                    public string?[]? Y { get; set; }
                    public IReadOnlyList<string?>? Z { get; set; }
                    public List<int?> AA { get; set; } = new();
                    public Color AB { get; set; }
                    public Color? AC { get; set; }
                    public Point? AD { get; set; }
                    public Outer<string?>.Inner? AE { get; set; }
                    public Outer<string>.Mode AF { get; set; }
                    public Outer.Inner? AG { get; set; }
                    public (int A, string? B)? AH { get; set; }
                    public Shapes? AI { get; set; }
                    public Dictionary<string, Shapes?> AJ { get; set; } = new();
                    public DateTime? AK { get; set; }
                    public HashSet<Shapes?>? AN { get; set; }
                    public System.Collections.Immutable.ImmutableArray<global::Demo.@class.Color?> AO { get; set; }
                    public System.Collections.Immutable.ImmutableArray<int>? AP { get; set; }
                    public IEnumerable<Outer<string?>.Inner> AQ { get; set; } = null!;
            #nullable disable
                    public string AL { get; set; }
                    public Shapes AM { get; set; }
            #nullable enable
                }
            }
            """;

        [Fact]
        public void Type_display_shortcuts_agree_with_the_compiler()
        {
            CSharpCompilation compilation = TestCompiler.Create(DisplayShapes);
            List<ITypeSymbol> types = compilation.GetTypeByMetadataName("Demo.class.Shapes")!.GetMembers().OfType<IPropertySymbol>().Select(p => p.Type).ToList();
            Assert.Equal(43, types.Count);
            int nullable = 0;
            int collections = 0;
            foreach (ITypeSymbol type in types)
            {
                string expected = type.ToDisplayString(SymbolExtensions.FullyQualifiedWithNullability);
                Assert.Equal(expected, type.ToFullyQualifiedWithNullability());

                // A nullable type displays as its underlying type and '?' (what TypeRefMapper composes).
                ITypeSymbol? underlying =
                    type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n ? n.TypeArguments[0]
                    : type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated ? type.WithNullableAnnotation(NullableAnnotation.NotAnnotated)
                    : null;
                if (underlying is not null)
                {
                    nullable++;
                    Assert.Equal(expected, underlying.ToFullyQualifiedWithNullability() + "?");
                }

                // A known collection displays as its name around its element's display (what TypeRefMapper composes).
                ITypeSymbol plain = underlying ?? type;
                if (plain is INamedTypeSymbol collection && TypeRefMapper.KnownMetadataName(collection) is { Length: > 0 } known)
                {
                    collections++;
                    Assert.Equal(
                        plain.ToDisplayString(SymbolExtensions.FullyQualifiedWithNullability),
                        TypeRefMapper.CollectionDisplay(known, collection.TypeArguments[0].ToFullyQualifiedWithNullability()));
                }

                // A non-generic named type's name without nullability is its display with nullability (objects and enums reuse it).
                if (plain is INamedTypeSymbol { IsGenericType: false } named && named.SpecialType == SpecialType.None)
                {
                    Assert.Equal(plain.ToDisplayString(SymbolExtensions.FullyQualifiedWithNullability), named.ToFullyQualified());
                }
            }

            Assert.Equal(16, nullable);
            Assert.Equal(6, collections);
        }
    }
}
