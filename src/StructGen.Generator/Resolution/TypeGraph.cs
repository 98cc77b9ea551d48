using System.Collections.Generic;
using StructGen.Generator.Model;

namespace StructGen.Generator.Resolution
{
    /// <summary>Walks the object references in a spec (pure, no Roslyn).</summary>
    internal static class TypeGraph
    {
        /// <summary>The object type keys a type reference leads to (through collections and nullability).</summary>
        public static string? ObjectKey(TypeRefSpec type)
        {
            while (type.Kind == TypeRefKind.Array && type.Element is not null)
            {
                type = type.Element;
            }

            return type.Kind == TypeRefKind.Object ? type.DefinitionKey : null;
        }

        /// <summary>Every type directly reachable from <paramref name="type"/>: property types and derived types.</summary>
        public static IEnumerable<string> Successors(ObjectTypeSpec type)
        {
            foreach (PropertySpec property in type.Properties)
            {
                string? key = ObjectKey(property.Type);
                if (key is not null)
                {
                    yield return key;
                }
            }

            if (type.Polymorphism is not null)
            {
                foreach (DerivedTypeSpec derived in type.Polymorphism.DerivedTypes)
                {
                    yield return derived.DefinitionKey;
                }
            }
        }

        /// <summary>Keys of types that can reach themselves (members of a cycle).</summary>
        public static HashSet<string> FindCyclic(IReadOnlyList<ObjectTypeSpec> types)
        {
            var byKey = new Dictionary<string, ObjectTypeSpec>();
            foreach (ObjectTypeSpec type in types)
            {
                byKey[type.Key] = type;
            }

            var cyclic = new HashSet<string>();
            foreach (ObjectTypeSpec start in types)
            {
                var seen = new HashSet<string>();
                var stack = new Stack<string>(Successors(start));
                while (stack.Count > 0)
                {
                    string key = stack.Pop();
                    if (key == start.Key)
                    {
                        cyclic.Add(start.Key);
                        break;
                    }

                    if (seen.Add(key) && byKey.TryGetValue(key, out ObjectTypeSpec? next))
                    {
                        foreach (string successor in Successors(next))
                        {
                            stack.Push(successor);
                        }
                    }
                }
            }

            return cyclic;
        }
    }
}
