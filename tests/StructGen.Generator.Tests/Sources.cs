namespace StructGen.Generator.Tests
{
    /// <summary>Shared test inputs.</summary>
    internal static class Sources
    {
        public const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.ComponentModel;
            using System.Text.Json.Serialization;
            using StructGen;

            """;

        /// <summary>The seed scenario of the recorded o4-mini session (inside <c>namespace Demo</c>).</summary>
        public const string BookBody = """
            [StructuredOutput(Description = "A book with title, author, genres, and publication year")]
            public partial record Book(
                [property: Description("The book title")] string Title,
                Author Author,
                [property: Description("List of genres")] IReadOnlyList<string> Genres,
                [property: Description("Year the book was published")] int PublishedYear);

            public partial record Author(
                [property: Description("Author's name")] string Name,
                [property: Description("Author's nationality")] string Nationality);
            """;

        public const string Book = Usings + "namespace Demo\n{\n" + BookBody + "\n}\n";
    }
}
