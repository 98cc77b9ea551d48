using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using StructGen.Generator;
using Xunit;

namespace StructGen.CodeFixes.Tests.Harness
{
    /// <summary>
    /// Every SGEN id the generator declares (and every id docs/diagnostics.md lists) has at least one test
    /// on the standard harness: a test method in this namespace named after it (<c>SGEN001_...</c>).
    /// </summary>
    public class DiagnosticCoverageTests
    {
        /// <summary>
        /// SGEN999 reports an exception the generator caught, i.e. a bug: no valid or invalid source reaches
        /// it, so StructGen.Generator.Tests drives it by handing the resolver a broken spec directly
        /// (DiagnosticsTests.SGEN999_internal_errors_are_reported_not_thrown).
        /// </summary>
        private static readonly string[] NotReachableFromSource = { "SGEN999" };

        [Fact]
        public void Every_declared_and_documented_id_has_a_harness_test()
        {
            string[] declared = DeclaredIds();
            string[] documented = Regex.Matches(File.ReadAllText(RepositoryFile("docs/diagnostics.md")), @"^## (SGEN[0-9]{3})\s*$", RegexOptions.Multiline)
                .Select(m => m.Groups[1].Value).ToArray();
            Assert.True(declared.Length >= 27, "expected the generator's descriptors, found " + string.Join(", ", declared));
            Assert.Equal(declared.OrderBy(id => id, StringComparer.Ordinal), documented.OrderBy(id => id, StringComparer.Ordinal));

            string[] tested = typeof(DiagnosticCoverageTests).Assembly.GetTypes()
                .Where(t => t.Namespace == typeof(DiagnosticCoverageTests).Namespace)
                .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                .Where(m => m.GetCustomAttributes<FactAttribute>().Any())
                .Select(m => Regex.Match(m.Name, "^(SGEN[0-9]{3})_"))
                .Where(m => m.Success)
                .Select(m => m.Groups[1].Value)
                .Distinct()
                .ToArray();
            string[] missing = declared.Except(tested).Except(NotReachableFromSource).ToArray();
            Assert.True(missing.Length == 0, "SGEN ids without a harness test: " + string.Join(", ", missing));
            Assert.All(NotReachableFromSource, id => Assert.Contains(id, declared));
        }

        /// <summary>The ids of the generator's descriptors (an internal class, so read by reflection).</summary>
        private static string[] DeclaredIds()
        {
            Type descriptors = typeof(StructGenGenerator).Assembly.GetType("StructGen.Generator.Diagnostics.DiagnosticDescriptors", throwOnError: true)!;
            return descriptors.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
                .Select(f => ((DiagnosticDescriptor)f.GetValue(null)!).Id)
                .ToArray();
        }

        private static string RepositoryFile(string relative)
        {
            string project = typeof(DiagnosticCoverageTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "ProjectDirectory").Value!;
            return Path.Combine(project, "..", "..", relative);
        }
    }
}
