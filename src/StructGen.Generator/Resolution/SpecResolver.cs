using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using StructGen.Generator.Diagnostics;
using StructGen.Generator.Infrastructure;
using StructGen.Generator.Model;
using StructGen.Generator.Schema;

namespace StructGen.Generator.Resolution
{
    /// <summary>
    /// The pure step after parsing, once the compilation-wide defaults are known: applies the naming
    /// policy, checks name collisions, plans <c>$defs</c>, checks recursion and service limits. Works on
    /// specs only (no Roslyn symbols) and never throws.
    /// </summary>
    internal static class SpecResolver
    {
        public static ResolvedRoot Resolve((ParsedRoot Parsed, GeneratorDefaults Defaults) input, CancellationToken cancellationToken)
        {
            ParsedRoot parsed = input.Parsed;
            if (parsed.Spec is not StructuredTypeSpec spec)
            {
                return new ResolvedRoot(null, parsed.Diagnostics);
            }

            var locations = new LocationLookup(parsed.Locations);
            try
            {
                var diagnostics = new List<DiagnosticInfo>(parsed.Diagnostics);
                NamingPolicy rootPolicy = spec.NamingPolicy != NamingPolicy.Default ? spec.NamingPolicy : input.Defaults.EffectivePolicy;

                List<ObjectTypeSpec> types = spec.Types
                    .Select(t => NameApplier.Apply(t, t.IsRoot || t.NamingPolicy == NamingPolicy.Default ? rootPolicy : t.NamingPolicy))
                    .ToList();
                NameCollisionChecker.Check(types, locations, diagnostics);
                types = DefinitionPlanner.Plan(types);
                RecursionChecker.Check(types, locations, diagnostics);
                DialectChecker.Check(types, input.Defaults.Dialects, locations, diagnostics);

                StructuredTypeSpec resolved = spec with { NamingPolicy = rootPolicy, Types = types.ToEquatableArray() };
                if (!parsed.Diagnostics.Any(d => d.IsError))
                {
                    // After a parse error the type graph may be incomplete; the limits are measured on whole schemas only.
                    SchemaLimits.Check(resolved, locations.Find(resolved.Root.Declaration.FullyQualifiedName), diagnostics);
                }

                resolved = resolved with { HasErrors = diagnostics.Any(d => d.IsError) };
                return new ResolvedRoot(resolved, diagnostics.ToEquatableArray());
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                DiagnosticInfo failure = DiagnosticInfo.InternalError(
                    spec.Types.Count > 0 ? locations.Find(spec.Root.Declaration.FullyQualifiedName) : null,
                    spec.Types.Count > 0 ? spec.Root.Declaration.Name : spec.SchemaName,
                    ex);
                return new ResolvedRoot(null, parsed.Diagnostics.Concat(new[] { failure }).ToEquatableArray());
            }
        }
    }
}
