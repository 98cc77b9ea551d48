using System.Collections.Generic;
using System.Linq;
using StructGen.Generator.Diagnostics;
using StructGen.Generator.Model;

namespace StructGen.Generator.Resolution
{
    /// <summary>
    /// A cycle of non-nullable, non-collection object properties has no finite value (a model could never
    /// finish it): SGEN009 on the property that closes the cycle. Cycles through a nullable property, a
    /// collection (which may be empty) or a polymorphic base (another derived type may end it) are fine.
    /// </summary>
    internal static class RecursionChecker
    {
        public static void Check(IReadOnlyList<ObjectTypeSpec> types, LocationLookup locations, List<DiagnosticInfo> diagnostics)
        {
            var byKey = types.ToDictionary(t => t.Key);
            var reported = new HashSet<string>();
            var done = new HashSet<string>();
            foreach (ObjectTypeSpec type in types)
            {
                Visit(type, new List<(ObjectTypeSpec Type, PropertySpec? Via)>(), byKey, done, reported, locations, diagnostics);
            }
        }

        private static void Visit(
            ObjectTypeSpec type,
            List<(ObjectTypeSpec Type, PropertySpec? Via)> path,
            Dictionary<string, ObjectTypeSpec> byKey,
            HashSet<string> done,
            HashSet<string> reported,
            LocationLookup locations,
            List<DiagnosticInfo> diagnostics)
        {
            if (done.Contains(type.Key))
            {
                return;
            }

            path.Add((type, null));
            foreach (PropertySpec property in type.Properties)
            {
                if (property.Type.Kind != TypeRefKind.Object || property.Type.IsNullable ||
                    !byKey.TryGetValue(property.Type.DefinitionKey!, out ObjectTypeSpec? target) ||
                    target.Polymorphism is not null)
                {
                    continue;
                }

                path[path.Count - 1] = (type, property);
                int start = path.FindIndex(step => step.Type.Key == target.Key);
                if (start >= 0)
                {
                    Report(path, start, target, locations, reported, diagnostics);
                    continue;
                }

                Visit(target, path, byKey, done, reported, locations, diagnostics);
            }

            path.RemoveAt(path.Count - 1);
            done.Add(type.Key);
        }

        private static void Report(
            List<(ObjectTypeSpec Type, PropertySpec? Via)> path,
            int start,
            ObjectTypeSpec target,
            LocationLookup locations,
            HashSet<string> reported,
            List<DiagnosticInfo> diagnostics)
        {
            var cycle = path.Skip(start).ToList();
            if (cycle.Any(step => reported.Contains(step.Type.Key)))
            {
                return;
            }

            foreach (var step in cycle)
            {
                reported.Add(step.Type.Key);
            }

            string chain = string.Join(" → ", cycle.Select(step => step.Type.Declaration.Name + "." + step.Via!.Name)) + " → " + target.Declaration.Name;
            var (owner, via) = cycle[cycle.Count - 1];
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.NonTerminatingRecursion,
                locations.Find(owner.Declaration.FullyQualifiedName, via!.Name),
                via.Name,
                owner.Declaration.Name,
                target.Declaration.Name,
                chain));
        }
    }
}
