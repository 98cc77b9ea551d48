using System.Collections.Generic;

namespace StructGen.Generator.Tests
{
    /// <summary>One source per row of the type-mapping table (docs/schema-mapping.md).</summary>
    internal static class MappingRows
    {
        public const string Primitives = """
            [StructuredOutput]
            public partial record Primitives(
                string Text, char Letter, bool Flag,
                byte B, sbyte SB, short S, ushort US, int I, uint UI, long L, ulong UL, Int128 Big, UInt128 UBig,
                float F, double D, decimal M, Half H);
            """;

        public const string Nullables = """
            [StructuredOutput]
            public partial record Nullables(
                string? Text, int? Count, bool? Flag, Guid? Id, DateTime? At,
                [property: Description("Optional child")] Child? Child,
                List<string?>? Tags, Color? Color);

            public record Child(string Name);

            public enum Color { Red, Green }
            """;

        public const string Enums = """
            /// <summary>Kinds of books.</summary>
            public enum Genre
            {
                ScienceFiction,
                [JsonStringEnumMemberName("fantasy!")] Fantasy,
                [System.Runtime.Serialization.EnumMember(Value = "non-fiction")] NonFiction,
                [Description("Scary books")] Horror,
            }

            [StructuredOutput]
            public partial record Shelf(Genre Main, List<Genre> Others, [property: Description("Favourite genre")] Genre? Favourite);
            """;

        public const string Collections = """
            [StructuredOutput]
            public partial record Collections(
                string[] A, List<int> B, IList<bool> C, ICollection<double> D, IEnumerable<string> E,
                IReadOnlyList<long> F, IReadOnlyCollection<string> G, System.Collections.Immutable.ImmutableArray<int> H,
                HashSet<string> I, ISet<int> J, System.Collections.Immutable.ImmutableList<string> K,
                List<List<int>> Nested, int?[] NullableItems, List<Item> Items);

            public record Item(string Name);
            """;

        public const string Shared = """
            [StructuredOutput]
            public partial record Order(Address Shipping, Address Billing, Customer Customer);

            /// <summary>A postal address.</summary>
            public record Address(string Street, string City);

            public record Customer(string Name, [property: Description("Home address")] Address Home);
            """;

        public const string Recursive = """
            [StructuredOutput]
            public partial record TreeNode(string Name, List<TreeNode> Children, TreeNode? Parent);

            [StructuredOutput]
            public partial record Graph(Person Root);

            public record Person(string Name, Person? Mentor, List<Pet> Pets);

            public record Pet(string Name, Person Owner);
            """;

        public const string Formats = """
            [StructuredOutput]
            public partial record Event(
                DateTime At, DateTimeOffset When, DateOnly Day, TimeOnly Time, TimeSpan Duration, Guid Id,
                Uri Link, [property: Description("Homepage")] Uri? Home);
            """;

        public const string Naming = """
            [StructuredOutput(NamingPolicy = StructGenNamingPolicy.CamelCase)]
            public partial class Profile
            {
                public string FirstName { get; set; } = "";

                [JsonPropertyName("SURNAME")]
                public string LastName { get; init; } = "";

                [JsonIgnore]
                public string Secret { get; set; } = "";

                [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
                public string? Nickname { get; set; }

                public int Age => 3;

                public required string XMLId { get; init; }
            }

            [StructuredOutput(NamingPolicy = StructGenNamingPolicy.KebabCaseLower)]
            public partial record Kebab(string FirstName, Nested Inner);

            [StructuredOutput(NamingPolicy = StructGenNamingPolicy.SnakeCaseUpper)]
            public partial record Screaming(string FirstName, Nested Inner);

            [StructuredOutput(NamingPolicy = StructGenNamingPolicy.AsDeclared)]
            public partial record Declared(string FirstName, Nested Inner);

            public record Nested(string HTTPStatus, Level Level);

            public enum Level { VeryLow, High }
            """;

        public const string XmlDocs = """
            /// <summary>A <see cref="Recipe"/> to cook.</summary>
            /// <param name="Title">The dish <c>title</c>.</param>
            /// <param name="Minutes">Ignored: the attribute wins.</param>
            [StructuredOutput]
            public partial record Recipe(string Title, [Description("Minutes to cook")] int Minutes)
            {
                /// <summary>
                /// Steps, in order.
                /// </summary>
                public List<string> Steps { get; init; } = new();
            }
            """;

        public const string DataAnnotations = """
            [StructuredOutput]
            public partial record Signup(
                [property: System.ComponentModel.DataAnnotations.Range(18, 120)] int Age,
                [property: System.ComponentModel.DataAnnotations.RegularExpression("^[a-z]+$")] string Handle,
                [property: System.ComponentModel.DataAnnotations.EmailAddress] string Email,
                [property: System.ComponentModel.DataAnnotations.MinLength(1), System.ComponentModel.DataAnnotations.MaxLength(5)] List<string> Tags,
                [property: Description("About you"), System.ComponentModel.DataAnnotations.MaxLength(100)] string Bio,
                [property: DefaultValue(3)] int Level,
                [property: System.ComponentModel.DataAnnotations.Range(0.5, 1.5, MinimumIsExclusive = true)] double Ratio);
            """;

        public const string Polymorphism = """
            [JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
            [JsonDerivedType(typeof(Circle), "circle")]
            [JsonDerivedType(typeof(Square), "square")]
            public abstract record Shape;

            public record Circle(double Radius) : Shape;

            public record Square(double Side) : Shape;

            [StructuredOutput]
            public partial record Drawing(List<Shape> Shapes, Shape Main);
            """;

        public const string Shapes = """
            [StructuredOutput]
            public partial class Settings
            {
                public string Name { get; set; } = "";
                public int Level { get; init; }
                public Point Origin { get; set; }
                public Span Window { get; set; }
                public WithConstructor Extra { get; set; } = new("x", 1);
            }

            public struct Point
            {
                public int X { get; set; }
                public int Y { get; set; }
            }

            public readonly record struct Span(int Start, int End);

            public class WithConstructor
            {
                public WithConstructor(string name, int size)
                {
                    Name = name;
                    Size = size;
                }

                public string Name { get; }
                public int Size { get; }
                public string? Note { get; set; }
            }

            [StructuredOutput]
            public partial struct Coordinates
            {
                public double Lat { get; set; }
                public double Lon { get; set; }
            }
            """;

        public static readonly Dictionary<string, string> All = new()
        {
            [nameof(Primitives)] = Primitives,
            [nameof(Nullables)] = Nullables,
            [nameof(Enums)] = Enums,
            [nameof(Collections)] = Collections,
            [nameof(Shared)] = Shared,
            [nameof(Recursive)] = Recursive,
            [nameof(Formats)] = Formats,
            [nameof(Naming)] = Naming,
            [nameof(XmlDocs)] = XmlDocs,
            [nameof(DataAnnotations)] = DataAnnotations,
            [nameof(Polymorphism)] = Polymorphism,
            [nameof(Shapes)] = Shapes,
        };
    }
}
