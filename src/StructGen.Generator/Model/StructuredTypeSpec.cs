using StructGen.Generator.Infrastructure;

namespace StructGen.Generator.Model
{
    /// <summary>
    /// Everything emitters need for one <c>[StructuredOutput]</c> type: plain strings, enums and
    /// <see cref="EquatableArray{T}"/> only (no Roslyn objects), so the incremental cache can compare it.
    /// </summary>
    /// <param name="SchemaName"><c>json_schema.name</c>: the attribute's Name, or the type name.</param>
    /// <param name="Description"><c>json_schema.description</c>: the attribute's Description, else the type's.</param>
    /// <param name="NamingPolicy">Explicit policy of the root (parser) / effective policy (after resolution).</param>
    /// <param name="Types">The root first, then every reachable object type in discovery order.</param>
    /// <param name="HasErrors">An error diagnostic was reported; emitters write nothing (and
    /// <paramref name="Types"/> may then be incomplete).</param>
    internal sealed record StructuredTypeSpec(
        string SchemaName,
        string? Description,
        NamingPolicy NamingPolicy,
        EquatableArray<ObjectTypeSpec> Types,
        bool HasErrors)
    {
        /// <summary>The annotated type.</summary>
        public ObjectTypeSpec Root => Types[0];

        /// <summary>Looks up a type by <see cref="ObjectTypeSpec.Key"/>.</summary>
        public ObjectTypeSpec GetType(string key)
        {
            foreach (ObjectTypeSpec type in Types)
            {
                if (type.Key == key)
                {
                    return type;
                }
            }

            throw new System.ArgumentException("Unknown type key '" + key + "'.", nameof(key));
        }
    }
}
