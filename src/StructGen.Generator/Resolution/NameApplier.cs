using System.Linq;
using StructGen.Generator.Infrastructure;
using StructGen.Generator.Model;

namespace StructGen.Generator.Resolution
{
    /// <summary>Applies a naming policy to the property names and enum values of one object type
    /// (explicit names from attributes are kept).</summary>
    internal static class NameApplier
    {
        public static ObjectTypeSpec Apply(ObjectTypeSpec type, NamingPolicy policy) =>
            type with
            {
                NamingPolicy = policy,
                Properties = type.Properties.Select(p => p with
                {
                    JsonName = p.HasExplicitJsonName ? p.JsonName : NamingPolicies.Convert(policy, p.JsonName),
                    Type = Apply(p.Type, policy),
                }).ToEquatableArray(),
            };

        private static TypeRefSpec Apply(TypeRefSpec type, NamingPolicy policy)
        {
            if (type.Element is not null)
            {
                return type with { Element = Apply(type.Element, policy) };
            }

            if (type.Enum is not null)
            {
                return type with
                {
                    Enum = type.Enum with
                    {
                        Members = type.Enum.Members.Select(m => m.HasExplicitJsonValue
                            ? m
                            : m with { JsonValue = NamingPolicies.Convert(policy, m.JsonValue) }).ToEquatableArray(),
                    },
                };
            }

            return type;
        }
    }
}
