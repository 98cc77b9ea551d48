using System.Collections.Generic;

namespace StructGen.AspNetCore.Tests.Support
{
    // A document that can be made any size, for measuring bytes on the wire against document size.
    [StructuredOutput(Description = "An article")]
    public partial record Article(string Title, IReadOnlyList<Section> Sections);

    public partial record Section(string Heading, string Body, int Words, bool Draft);
}
