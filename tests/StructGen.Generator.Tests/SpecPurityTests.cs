using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using StructGen.Generator.Infrastructure;
using StructGen.Generator.Model;
using StructGen.Generator.Tests.Infrastructure;
using Xunit;

namespace StructGen.Generator.Tests
{
    /// <summary>Pipeline values hold no Roslyn objects (symbols, syntax, locations, compilations): walked by
    /// reflection over real values, and checked statically over the model's field types.</summary>
    public class SpecPurityTests
    {
        private static readonly Type[] Forbidden =
        {
            typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(Compilation),
            typeof(SemanticModel), typeof(IOperation), typeof(AttributeData), typeof(SyntaxReference),
        };

        [Fact]
        public void Every_tracked_pipeline_value_is_free_of_roslyn_objects()
        {
            string source = Sources.Book + MappingRows.Polymorphism.Replace("namespace", "//") + "\nnamespace Demo {\n" + MappingRows.Enums + MappingRows.Recursive + MappingRows.DataAnnotations + "\n[StructuredOutput] public partial record Broken(Dictionary<string, int> Map);\n}";
            GeneratorRun run = GeneratorHarness.Run(TestCompiler.Create(source)).AssertNoCrash();
            Assert.Contains(run.Diagnostics, d => d.Id == "SGEN003");

            int walked = 0;
            // Our named steps (Roslyn's own internal steps of ForAttributeWithMetadataName hold syntax by design).
            foreach (var (name, steps) in run.GeneratorResult.TrackedSteps.Where(s => TrackingNames.All.Contains(s.Key)))
            {
                foreach (var (value, _) in steps.SelectMany(s => s.Outputs))
                {
                    Walk(value, name, new HashSet<object>(ReferenceEqualityComparer.Instance));
                    walked++;
                }
            }

            Assert.True(walked > 10, "walked " + walked);
        }

        [Fact]
        public void Model_field_types_can_only_hold_plain_values()
        {
            var seen = new HashSet<Type>();
            CheckType(typeof(ParsedRoot), "ParsedRoot", seen);
            CheckType(typeof(ResolvedRoot), "ResolvedRoot", seen);
            CheckType(typeof(GeneratorDefaults), "GeneratorDefaults", seen);
            Assert.Contains(typeof(TypeRefSpec), seen);
        }

        private static void Walk(object? value, string path, HashSet<object> visited)
        {
            if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || value is TextSpan or LinePositionSpan)
            {
                return;
            }

            Type type = value.GetType();
            foreach (Type forbidden in Forbidden)
            {
                Assert.False(forbidden.IsInstanceOfType(value), $"{path} holds a {type.FullName} ({forbidden.Name})");
            }

            if (value is DiagnosticDescriptor || !type.IsValueType && !visited.Add(value))
            {
                return; // Static, immutable descriptor: allowed (compared by id).
            }

            if (value is IEnumerable sequence)
            {
                int i = 0;
                foreach (object? item in sequence)
                {
                    Walk(item, path + "[" + i++ + "]", visited);
                }

                if (type.IsArray || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
                {
                    return;
                }
            }

            for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
            {
                foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    Walk(field.GetValue(value), path + "." + field.Name, visited);
                }
            }
        }

        private static void CheckType(Type type, string path, HashSet<Type> seen)
        {
            Type? underlying = Nullable.GetUnderlyingType(type);
            if (underlying is not null)
            {
                type = underlying;
            }

            if (type == typeof(string) || type.IsPrimitive || type.IsEnum || type == typeof(TextSpan) || type == typeof(LinePositionSpan) || type == typeof(DiagnosticDescriptor) || !seen.Add(type))
            {
                return;
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableArray<>))
            {
                CheckType(type.GetGenericArguments()[0], path + "[]", seen);
                return;
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition().FullName!.StartsWith("System.ValueTuple", StringComparison.Ordinal))
            {
                foreach (Type argument in type.GetGenericArguments())
                {
                    CheckType(argument, path + "<>", seen);
                }

                return;
            }

            Assert.True(type.Namespace?.StartsWith("StructGen.Generator", StringComparison.Ordinal) == true, $"{path} has field type {type.FullName}, which is not a plain model type");
            foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                if (field.IsDefined(typeof(CompilerGeneratedAttribute)) && field.FieldType == typeof(Type))
                {
                    continue; // The record's EqualityContract backing field, if any.
                }

                CheckType(field.FieldType, path + "." + field.Name, seen);
            }
        }
    }
}
