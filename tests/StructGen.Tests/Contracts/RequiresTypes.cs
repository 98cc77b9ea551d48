using System.Collections.Generic;

namespace StructGen.Tests.Contracts
{
    // A chapter is published (in the list, as its growing last element) only once its title is complete.
    [StreamRequires(nameof(Title))]
    public record Chapter(string Title, string Body, int Pages);

    // An editor is published in its parent only once its name is complete.
    [StreamRequires(nameof(Name))]
    public record Editor(string Name, string Note);

    [StructuredOutput]
    public partial record Anthology(string Name, Editor Editor, List<Chapter> Chapters);

    // The root itself: no partial at all until the id is complete.
    [StructuredOutput]
    [StreamRequires(nameof(Id))]
    public partial record Ticket(string Id, string Summary);

    // The gate may legitimately be null: null is a complete value.
    [StreamRequires(nameof(Label))]
    public record Marker(string? Label, string Text);

    [StructuredOutput]
    public partial record Markers(List<Marker> Items);
}

namespace StructGen.Tests.Contracts
{
    [System.Text.Json.Serialization.JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
    [System.Text.Json.Serialization.JsonDerivedType(typeof(NoteBlock), "note")]
    [System.Text.Json.Serialization.JsonDerivedType(typeof(LinkBlock), "link")]
    public abstract record Block;

    // A variant with a gate: the union shows its discriminator, the variant only once the heading is complete.
    [StreamRequires(nameof(Heading))]
    public sealed record NoteBlock(string Heading, string Text) : Block;

    public sealed record LinkBlock(string Url) : Block;

    [StructuredOutput]
    public partial record Page(System.Collections.Generic.List<Block> Blocks);
}
