using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json.Serialization;
using StructGen;

namespace StructGen.Benchmarks.Models
{
    /// <summary>The Book of the o4-mini cassette (W3, schema access).</summary>
    [StructuredOutput(Description = "A book with title, author, genres, and publication year")]
    public partial record Book(
        [property: Description("The book title")] string Title,
        Author Author,
        [property: Description("List of genres")] IReadOnlyList<string> Genres,
        [property: Description("Year the book was published")] int PublishedYear);

    public partial record Author(
        [property: Description("Author's name")] string Name,
        [property: Description("Author's nationality")] string Nationality);

    /// <summary>W2 shape "many small items".</summary>
    [StructuredOutput(Description = "An inventory: many small items")]
    public partial record Inventory(IReadOnlyList<InventoryItem> Items);

    public partial record InventoryItem(string Name, int Quantity, bool InStock);

    /// <summary>W2 shape "one long string".</summary>
    [StructuredOutput(Description = "An article: one long string")]
    public partial record Article(string Title, string Body);

    /// <summary>The peer: System.Text.Json source generation for the same types, same (snake_case) names.</summary>
    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
    [JsonSerializable(typeof(Book))]
    [JsonSerializable(typeof(Inventory))]
    [JsonSerializable(typeof(Article))]
    public partial class PeerJsonContext : JsonSerializerContext
    {
    }
}
