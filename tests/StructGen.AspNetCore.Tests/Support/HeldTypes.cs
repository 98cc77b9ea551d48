using System.Collections.Generic;
using StructGen.Tests.Corpus;

namespace StructGen.AspNetCore.Tests.Support
{
    // Values the partial holds back, combined: atomic unions (whose members may come before their
    // discriminator), an atomic list of unions, and a plain union with an atomic-free variant.
    [StructuredOutput]
    public partial record Gallery(
        [property: StreamAtomic] Shape Cover,
        [property: StreamAtomic] List<Shape> Shapes,
        Shape Main);
}
