using System.Collections.Generic;

namespace StructGen.Tests.Contracts
{
    public record Source(string Name, int Year);

    // Title, Origin and Tags are atomic: shown only once complete; Body streams as usual.
    [StructuredOutput]
    public partial record Headline(
        [property: StreamAtomic] string Title,
        string Body,
        [property: StreamAtomic] Source Origin,
        [StreamAtomic] List<string> Tags);
}
