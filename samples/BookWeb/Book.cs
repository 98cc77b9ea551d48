using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json.Serialization;
using StructGen;

namespace BookWeb;

[StructuredOutput(Description = "A book with title, author, genres, and publication year")]
public partial record Book(
    [property: Description("The book title")] string Title,
    Author Author,
    [property: Description("List of genres")] IReadOnlyList<string> Genres,
    [property: Description("Year the book was published")] int PublishedYear);

public partial record Author(
    [property: Description("Author's name")] string Name,
    [property: Description("Author's nationality")] string Nationality);

// The validated value in the "done" event, with the schema's JSON names (snake_case, as the patches use).
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(Book))]
internal sealed partial class BookJson : JsonSerializerContext;
