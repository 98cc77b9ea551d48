using System.Text.Json.Serialization;

namespace BookWeb;

// The validated value in the "done" event, with the schema's JSON names (snake_case, as the patches use).
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(Book))]
internal sealed partial class BookJson : JsonSerializerContext;
