using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.ComponentModel;
using System.Text.Json.Serialization;

namespace StructGen.Tests.Corpus
{
    // One type per row of the schema mapping table, all streamed by generated code.
    public enum Mood
    {
        Happy,
        VerySad,
        [JsonStringEnumMemberName("meh")] Indifferent,
    }

    public record Item(string Name, int Count);

    [StructuredOutput(Description = "Every scalar kind")]
    public partial record Scalars(
        string Text, char Letter, bool Flag, byte B, short S, int I, long L, ushort US, uint UI, ulong UL,
        float F, double D, decimal M, Mood Mood);

    [StructuredOutput]
    public partial record Nullables(int? MaybeInt, string? MaybeText, Mood? MaybeMood, Item? MaybeItem, List<string>? MaybeTags, bool? MaybeFlag);

    [StructuredOutput]
    public partial record Collections(
        List<string> Tags, int[] Numbers, IReadOnlyList<Item> Items, HashSet<string> Set, ImmutableArray<int> Imm,
        IEnumerable<Mood> Moods, List<List<int>> Matrix, List<string?> Holes);

    [StructuredOutput]
    public partial record Formats(DateTime When, DateTimeOffset WhenOffset, DateOnly Day, TimeOnly Time, TimeSpan Span, Guid Id, Uri Link);

    [StructuredOutput]
    public partial record Tree(string Label, List<Tree> Children, Tree? Next);

    [JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
    [JsonDerivedType(typeof(Circle), "circle")]
    [JsonDerivedType(typeof(Square), "square")]
    public abstract record Shape;

    public record Circle(double Radius) : Shape;

    public record Square(double Side, string Color) : Shape;

    [StructuredOutput]
    public partial record Drawing(List<Shape> Shapes, Shape Main);

    [StructuredOutput]
    public partial record Initialized
    {
        [Description("Set through init")] public required string Name { get; init; }
        public int Size { get; set; }
        [JsonPropertyName("renamed")] public string Other { get; init; } = "";
        [JsonIgnore] public string Ignored { get; set; } = "default";
    }

    // A member named like the partial type's own State: the partial exposes ObjectState instead.
    [StructuredOutput]
    public partial record Status(string State, int Code);
}
