using System.Text.Json.Serialization;

namespace StructGen.Chat
{
    /// <summary>Source-generated metadata for the few plain values the runtime serializes (no reflection).</summary>
    [JsonSerializable(typeof(string))]
    internal sealed partial class RuntimeJsonContext : JsonSerializerContext
    {
    }
}
