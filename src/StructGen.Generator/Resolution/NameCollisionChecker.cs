using System.Collections.Generic;
using StructGen.Generator.Diagnostics;
using StructGen.Generator.Model;

namespace StructGen.Generator.Resolution
{
    /// <summary>Two members that end up with the same JSON name (after the naming policy) cannot both
    /// round-trip: SGEN008 on the second one.</summary>
    internal static class NameCollisionChecker
    {
        public static void Check(IReadOnlyList<ObjectTypeSpec> types, LocationLookup locations, List<DiagnosticInfo> diagnostics)
        {
            var checkedEnums = new HashSet<string>();
            foreach (ObjectTypeSpec type in types)
            {
                var seen = new Dictionary<string, string>();
                foreach (PropertySpec property in type.Properties)
                {
                    if (seen.TryGetValue(property.JsonName, out string? first))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(
                            DiagnosticDescriptors.JsonNameCollision,
                            locations.Find(type.Declaration.FullyQualifiedName, property.Name),
                            first,
                            property.Name,
                            type.Declaration.Name,
                            property.JsonName));
                    }
                    else
                    {
                        seen.Add(property.JsonName, property.Name);
                    }

                    CheckEnum(property.Type, checkedEnums, locations, diagnostics);
                }
            }
        }

        private static void CheckEnum(TypeRefSpec type, HashSet<string> checkedEnums, LocationLookup locations, List<DiagnosticInfo> diagnostics)
        {
            while (type.Element is not null)
            {
                type = type.Element;
            }

            if (type.Enum is null || !checkedEnums.Add(type.Enum.FullyQualifiedName))
            {
                return;
            }

            var seen = new Dictionary<string, string>();
            foreach (EnumMemberSpec member in type.Enum.Members)
            {
                if (seen.TryGetValue(member.JsonValue, out string? first))
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.JsonNameCollision,
                        locations.Find(type.Enum.FullyQualifiedName, member.Name),
                        first,
                        member.Name,
                        ShortName(type.Enum.FullyQualifiedName),
                        member.JsonValue));
                }
                else
                {
                    seen.Add(member.JsonValue, member.Name);
                }
            }
        }

        private static string ShortName(string fullyQualifiedName)
        {
            int dot = fullyQualifiedName.LastIndexOf('.');
            int colon = fullyQualifiedName.LastIndexOf(':');
            return fullyQualifiedName.Substring(System.Math.Max(dot, colon) + 1);
        }
    }
}
