using System.Text.Json.Serialization;

namespace StructGen.Tests.Cassettes
{
    /// <summary>Source-generated JSON metadata for the few values the cassette tests serialize.</summary>
    [JsonSerializable(typeof(string))]
    internal sealed partial class JsonStringContext : JsonSerializerContext
    {
    }
}
