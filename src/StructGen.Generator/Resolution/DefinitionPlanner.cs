using System.Collections.Generic;
using System.Linq;
using StructGen.Generator.Model;

namespace StructGen.Generator.Resolution
{
    /// <summary>
    /// Decides which object types go to <c>$defs</c>: a type used more than once, or used once and
    /// recursive, is defined once and referenced; a type used exactly once and not recursive is inlined
    /// (the recorded Book session inlines Author). The root is never in <c>$defs</c> (it is <c>#</c>),
    /// and a type reached only as a derived type of a polymorphic base is inlined in the base's <c>anyOf</c>.
    /// </summary>
    internal static class DefinitionPlanner
    {
        public static List<ObjectTypeSpec> Plan(IReadOnlyList<ObjectTypeSpec> types)
        {
            var uses = new Dictionary<string, int>();
            foreach (ObjectTypeSpec type in types)
            {
                foreach (PropertySpec property in type.Properties)
                {
                    string? key = TypeGraph.ObjectKey(property.Type);
                    if (key is not null)
                    {
                        uses[key] = uses.TryGetValue(key, out int count) ? count + 1 : 1;
                    }
                }
            }

            HashSet<string> cyclic = TypeGraph.FindCyclic(types);
            return types.Select(type =>
            {
                int count = uses.TryGetValue(type.Key, out int n) ? n : 0;
                bool useDefinition = !type.IsRoot && (count >= 2 || (count == 1 && cyclic.Contains(type.Key)));
                return type.UseDefinition == useDefinition ? type : type with { UseDefinition = useDefinition };
            }).ToList();
        }
    }
}
