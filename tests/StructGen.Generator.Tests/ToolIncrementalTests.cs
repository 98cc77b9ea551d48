using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using StructGen.Generator.Tests.Infrastructure;
using StructGen.Generator.Tools;
using Xunit;

namespace StructGen.Generator.Tests
{
    /// <summary>The [Tool] pipeline caches like the structured-output one, and its values hold no Roslyn objects.</summary>
    public class ToolIncrementalTests
    {
        private const string UnrelatedFile = """
            namespace Demo
            {
                public static class Helper
                {
                    public static int Twice(int x) => x * 2;
                }
            }
            """;

        private static readonly IncrementalStepRunReason[] Quiet = { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged };

        private static CSharpCompilation Create() => TestCompiler.Create(ToolSources.Weather, ToolSources.KitchenSink, UnrelatedFile, Sources.Book);

        [Fact]
        public void Second_run_leaves_every_tool_step_cached()
        {
            CSharpCompilation compilation = Create();
            GeneratorRun first = GeneratorHarness.Run(compilation).AssertClean();
            GeneratorRun second = GeneratorHarness.Run(compilation.Clone(), first.Driver);

            AssertQuiet(second.GeneratorResult, TrackingNames.Tools.Concat(TrackingNames.All));
            Assert.All(second.GeneratorResult.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Contains(o.Reason, Quiet));
        }

        [Fact]
        public void Unrelated_edit_leaves_every_tool_step_cached_or_unchanged()
        {
            CSharpCompilation compilation = Create();
            GeneratorRun first = GeneratorHarness.Run(compilation).AssertClean();

            CSharpCompilation edited = Replace(compilation, 2, UnrelatedFile.Replace("x * 2", "x + x") + "\nnamespace Demo { public class Extra { public int Value { get; set; } } }\n");
            GeneratorRun second = GeneratorHarness.Run(edited, first.Driver).AssertClean();

            AssertQuiet(second.GeneratorResult, TrackingNames.Tools.Concat(TrackingNames.All));
            Assert.All(second.GeneratorResult.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Contains(o.Reason, Quiet));
        }

        [Fact]
        public void Editing_one_tool_class_regenerates_only_that_class()
        {
            CSharpCompilation compilation = Create();
            GeneratorRun first = GeneratorHarness.Run(compilation).AssertClean();

            CSharpCompilation edited = Replace(compilation, 0, ToolSources.Weather.Replace("the city", "the city name"));
            GeneratorRun second = GeneratorHarness.Run(edited, first.Driver).AssertClean();

            var classes = second.GeneratorResult.TrackedSteps[TrackingNames.ToolClasses].SelectMany(s => s.Outputs)
                .ToDictionary(o => ((ToolClassSpec)o.Value).Declaration.Name, o => o.Reason);
            Assert.Equal(IncrementalStepRunReason.Modified, classes["WeatherTools"]);
            Assert.Contains(classes["TravelTools"], Quiet);

            var outputs = second.GeneratorResult.TrackedOutputSteps["SourceOutput"]
                .Select(step => (Owner: OwnerOf(step.Inputs.Select(i => i.Source.Outputs[i.OutputIndex].Value).FirstOrDefault()), Reason: step.Outputs.Single().Reason))
                .Where(x => x.Owner is not null)
                .ToLookup(x => x.Owner!, x => x.Reason);
            Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(outputs["WeatherTools"]));
            Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(outputs["WeatherArgumentsPartial"]));
            Assert.Contains(Assert.Single(outputs["TravelTools"]), Quiet);
            Assert.Contains(Assert.Single(outputs["GetForecastArgumentsPartial"]), Quiet);
            Assert.Contains(Assert.Single(outputs["BookPartial"]), Quiet);
            Assert.Contains("the city name", second.Sources["Demo.WeatherTools.Tools.g.cs"]);
        }

        private static string? OwnerOf(object? value) => value switch
        {
            ToolClassSpec spec => spec.Declaration.Name,
            StructGen.Generator.Emitting.Streaming.PartialTypeModel model => StructGen.Generator.Emitting.Streaming.StreamingShapes.PartialTypeName(model.Type),
            _ => null,
        };

        [Fact]
        public void Every_tool_pipeline_value_is_free_of_roslyn_objects()
        {
            string broken = Sources.Usings + "namespace Demo\n{\npublic partial class Broken { [Tool] public string Run(Action callback) => \"\"; [Tool(Name = \"run\")] public string Again(string x) => x; }\n}\n";
            GeneratorRun run = GeneratorHarness.Run(TestCompiler.Create(ToolSources.Weather, ToolSources.KitchenSink, broken)).AssertNoCrash();
            Assert.Contains(run.Diagnostics, d => d.Id == "SGEN017");

            int walked = 0;
            foreach (var (name, steps) in run.GeneratorResult.TrackedSteps.Where(s => TrackingNames.Tools.Contains(s.Key)))
            {
                foreach (var (value, _) in steps.SelectMany(s => s.Outputs))
                {
                    Walk(value, name, new HashSet<object>(ReferenceEqualityComparer.Instance));
                    walked++;
                }
            }

            Assert.True(walked > 10, "walked " + walked);
        }

        private static readonly Type[] Forbidden =
        {
            typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(Compilation),
            typeof(SemanticModel), typeof(IOperation), typeof(AttributeData), typeof(SyntaxReference),
        };

        private static void Walk(object? value, string path, HashSet<object> visited)
        {
            if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || value is Microsoft.CodeAnalysis.Text.TextSpan or Microsoft.CodeAnalysis.Text.LinePositionSpan)
            {
                return;
            }

            Type type = value.GetType();
            foreach (Type forbidden in Forbidden)
            {
                Assert.False(forbidden.IsInstanceOfType(value), $"{path} holds a {type.FullName} ({forbidden.Name})");
            }

            if (value is DiagnosticDescriptor || (!type.IsValueType && !visited.Add(value)))
            {
                return;
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

        private static CSharpCompilation Replace(CSharpCompilation compilation, int index, string text)
        {
            SyntaxTree old = compilation.SyntaxTrees.Single(t => t.FilePath == TestCompiler.FilePath(index));
            return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, TestCompiler.ParseOptions(), path: old.FilePath));
        }

        private static void AssertQuiet(GeneratorRunResult result, IEnumerable<string> names)
        {
            foreach (string name in names)
            {
                if (!result.TrackedSteps.TryGetValue(name, out var steps))
                {
                    Assert.True(name is TrackingNames.Diagnostics or TrackingNames.ToolDiagnostics, "Missing tracked step " + name);
                    continue;
                }

                foreach (IncrementalGeneratorRunStep step in steps)
                {
                    foreach (var (_, reason) in step.Outputs)
                    {
                        Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: {reason}");
                    }
                }
            }
        }
    }
}
