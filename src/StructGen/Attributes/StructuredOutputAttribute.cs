using System;

namespace StructGen
{
    /// <summary>
    /// Marks a <c>partial</c> record, class or struct as a structured-output type. At compile time the
    /// StructGen generator emits its strict JSON Schema, the <c>response_format</c> payload, a typed
    /// partial type that fills in while the model streams, an incremental deserializer and
    /// <c>Generate{Type}Async</c> / <c>Generate{Type}StreamAsync</c> client methods.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
    public sealed class StructuredOutputAttribute : Attribute
    {
        /// <summary>The schema description sent to the model (<c>json_schema.description</c>).</summary>
        public string? Description { get; set; }

        /// <summary>
        /// The schema name sent to the model (<c>json_schema.name</c>); defaults to the type name.
        /// Must match <c>^[a-zA-Z0-9_-]{1,64}$</c>.
        /// </summary>
        public string? Name { get; set; }

        /// <summary>
        /// How C# member names become JSON property names for this type and the types it reaches.
        /// Defaults to the assembly-wide <see cref="StructGenDefaultsAttribute.NamingPolicy"/>, or
        /// <see cref="StructGenNamingPolicy.SnakeCaseLower"/>.
        /// </summary>
        public StructGenNamingPolicy NamingPolicy { get; set; } = StructGenNamingPolicy.Default;
    }
}
