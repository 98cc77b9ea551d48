using System.Collections.Generic;
using System.ComponentModel;

namespace StructGen.Tests.EndToEnd
{
    // The recorded session's schema, exactly as a user writes it; the generator does the rest.
    [StructuredOutput(Description = "A book with title, author, genres, and publication year")]
    public partial record Book(
        [property: Description("The book title")] string Title,
        Author Author,
        [property: Description("List of genres")] IReadOnlyList<string> Genres,
        [property: Description("Year the book was published")] int PublishedYear);

    public partial record Author(
        [property: Description("Author's name")] string Name,
        [property: Description("Author's nationality")] string Nationality);
}
