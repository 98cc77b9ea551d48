using System.Collections.Generic;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace StructGen.Tests.Dialects
{
    // Bounds and nullables: the members whose schema differs between dialects (a project declaring StructGenSchemaDialects Anthropic;Gemini gets SGEN024, as info, for Stars, Tags and Code).
    [StructuredOutput]
    public partial record Review(
        [property: Range(1, 5), Description("How good")] int Stars,
        string? Comment,
        [property: MaxLength(3)] List<string> Tags,
        [property: RegularExpression("^[A-Z]{3}$")] string Code);
}
