using System.Collections.Generic;
using System.ComponentModel;
using StructGen;

namespace Samples;

// The Book every sample asks for: the same request as the recorded cassettes in cassettes/.
[StructuredOutput(Description = "A book with title, author, genres, and publication year")]
public partial record Book(
    [property: Description("The book title")] string Title,
    Author Author,
    [property: Description("List of genres")] IReadOnlyList<string> Genres,
    [property: Description("Year the book was published")] int PublishedYear);

public partial record Author(
    [property: Description("Author's name")] string Name,
    [property: Description("Author's nationality")] string Nationality);
