using System.Linq;
using StructGen.Generator.Model;
using StructGen.Generator.Tests.Infrastructure;
using Xunit;

namespace StructGen.Generator.Tests
{
    /// <summary>The spec model carries what later emitters need.</summary>
    public class SpecModelTests
    {
        [Fact]
        public void Book_spec_describes_declarations_properties_and_construction()
        {
            StructuredTypeSpec spec = SchemaRun.Generate(Sources.BookBody).Spec("Book");

            Assert.Equal("Book", spec.SchemaName);
            Assert.Equal(NamingPolicy.SnakeCaseLower, spec.NamingPolicy);
            Assert.False(spec.HasErrors);
            Assert.Equal(new[] { "Book", "Author" }, spec.Types.Select(t => t.Key));

            ObjectTypeSpec book = spec.Root;
            Assert.Equal(
                new TypeDeclarationSpec("Demo", default, "Book", "global::Demo.Book", "record", "public", IsPartial: true, IsAbstract: false, IsReadOnly: false, IsValueType: false, IsEffectivelyPublic: true),
                book.Declaration with { ContainingTypes = default });
            Assert.True(book.IsRoot);
            Assert.Equal(ConstructionKind.ParameterizedConstructor, book.Construction.Kind);
            Assert.Equal(new[] { "Title", "Author", "Genres", "PublishedYear" }, book.Construction.Parameters.Select(p => p.PropertyName));
            Assert.Empty(book.Construction.InitializedProperties);

            PropertySpec genres = book.Properties[2];
            Assert.Equal("genres", genres.JsonName);
            Assert.Equal("List of genres", genres.Description);
            Assert.Equal(2, genres.ConstructorParameterIndex);
            Assert.Equal(SetterKind.Init, genres.Setter);
            Assert.Equal(TypeRefKind.Array, genres.Type.Kind);
            Assert.Equal(CollectionKind.IReadOnlyList, genres.Type.Collection);
            Assert.Equal("global::System.Collections.Generic.IReadOnlyList<string>", genres.Type.FullyQualifiedName);
            Assert.Equal(TypeRefKind.String, genres.Type.Element!.Kind);

            PropertySpec year = book.Properties[3];
            Assert.Equal((TypeRefKind.Integer, NumericType.Int32, "int", false), (year.Type.Kind, year.Type.Numeric, year.Type.FullyQualifiedName, year.Type.IsNullable));

            PropertySpec author = book.Properties[1];
            Assert.Equal(TypeRefKind.Object, author.Type.Kind);
            Assert.Equal("Author", author.Type.DefinitionKey);
            ObjectTypeSpec authorType = spec.GetType("Author");
            Assert.False(authorType.UseDefinition);
            Assert.True(authorType.Declaration.IsPartial);
        }

        [Fact]
        public void Construction_covers_parameterless_init_required_and_constructor_bound_members()
        {
            SchemaRun run = SchemaRun.Generate(MappingRows.Shapes + """

                [StructuredOutput]
                public partial class WithRequired
                {
                    public required string Name { get; init; }
                    public int Count { get; set; }
                }
                """).AssertCleanAndStrict();

            ObjectTypeSpec settings = run.Spec("Settings").Root;
            Assert.Equal(("class", ConstructionKind.ParameterlessConstructor), (settings.Declaration.Keyword, settings.Construction.Kind));
            Assert.Equal(new[] { "Name", "Level", "Origin", "Window", "Extra" }, settings.Construction.InitializedProperties);
            Assert.Equal(new[] { SetterKind.Set, SetterKind.Init }, settings.Properties.Take(2).Select(p => p.Setter));

            ObjectTypeSpec extra = run.Spec("Settings").GetType("WithConstructor");
            Assert.Equal(ConstructionKind.ParameterizedConstructor, extra.Construction.Kind);
            Assert.Equal(new[] { ("name", "Name"), ("size", "Size") }, extra.Construction.Parameters.Select(p => (p.Name, p.PropertyName)));
            Assert.Equal(new[] { "Note" }, extra.Construction.InitializedProperties);

            ObjectTypeSpec span = run.Spec("Settings").GetType("Span");
            Assert.Equal(("record struct", true, true), (span.Declaration.Keyword, span.Declaration.IsReadOnly, span.Declaration.IsValueType));
            Assert.Equal(ConstructionKind.ParameterizedConstructor, span.Construction.Kind);

            Assert.Equal("struct", run.Spec("Coordinates").Root.Declaration.Keyword);

            ObjectTypeSpec required = run.Spec("WithRequired").Root;
            Assert.Equal(new[] { "Name" }, required.Construction.RequiredProperties);
            Assert.True(required.Properties[0].IsRequired);
        }

        [Fact]
        public void Enum_and_nested_declarations_are_described()
        {
            SchemaRun run = SchemaRun.Generate("""
                public static partial class Outer
                {
                    public partial record struct Inner
                    {
                        [StructuredOutput(Name = "inner-v1", Description = "Nested")]
                        internal partial record Leaf(Genre Genre, [property: JsonPropertyName("n")] int? Number);
                    }
                }

                public enum Genre { ScienceFiction, [JsonStringEnumMemberName("X")] Other }
                """).AssertCleanAndStrict();
            StructuredTypeSpec spec = run.Spec("Leaf");
            Assert.Equal(("inner-v1", "Nested"), (spec.SchemaName, spec.Description));
            Assert.Equal(new[] { new ContainingTypeSpec("class", "Outer", true), new ContainingTypeSpec("record struct", "Inner", true) }, spec.Root.Declaration.ContainingTypes);
            Assert.Equal("internal", spec.Root.Declaration.Accessibility);
            Assert.Equal("global::Demo.Outer.Inner.Leaf", spec.Root.Declaration.FullyQualifiedName);

            EnumSpec genre = spec.Root.Properties[0].Type.Enum!;
            Assert.Equal("global::Demo.Genre", genre.FullyQualifiedName);
            Assert.Equal(new[] { ("ScienceFiction", "science_fiction", false), ("Other", "X", true) }, genre.Members.Select(m => (m.Name, m.JsonValue, m.HasExplicitJsonValue)));

            PropertySpec number = spec.Root.Properties[1];
            Assert.Equal(("n", true, true, "int?", "int"), (number.JsonName, number.HasExplicitJsonName, number.Type.IsNullable, number.Type.FullyQualifiedName, number.Type.UnderlyingFullyQualifiedName));
            Assert.Contains("Demo.Outer.Inner.Leaf.Schema.g.cs", run.Run.Sources.Keys);
        }
    }
}
