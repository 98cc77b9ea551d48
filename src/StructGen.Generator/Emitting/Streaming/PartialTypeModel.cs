using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using StructGen.Generator.Infrastructure;
using StructGen.Generator.Model;

namespace StructGen.Generator.Emitting.Streaming
{
    /// <summary>
    /// One object type's partial-type output, self-contained so it can be cached and emitted once
    /// even when several roots reach the same type: the type plus the partial-type names of the
    /// object types it refers to.
    /// </summary>
    internal sealed record PartialTypeModel(ObjectTypeSpec Type, EquatableArray<PartialTypeReference> References)
    {
        /// <summary>The partial type name of the object type with <paramref name="key"/>.</summary>
        public string PartialOf(string key)
        {
            foreach (var reference in References)
            {
                if (reference.Key == key) return reference.PartialTypeFullName;
            }

            throw new KeyNotFoundException("No partial type for '" + key + "'.");
        }

        /// <summary>The full name of the push-deserializer class of the object type with <paramref name="key"/>.</summary>
        public string NodeOf(string key)
        {
            foreach (var reference in References)
            {
                if (reference.Key == key) return reference.NodeTypeFullName;
            }

            throw new KeyNotFoundException("No partial type for '" + key + "'.");
        }

        /// <summary>Splits a root spec into one model per reachable object type.</summary>
        public static ImmutableArray<PartialTypeModel> FromSpec(StructuredTypeSpec spec, CancellationToken cancellationToken)
        {
            var references = new List<PartialTypeReference>();
            foreach (var type in spec.Types)
            {
                references.Add(new PartialTypeReference(type.Key, StreamingShapes.PartialTypeFullName(type), StreamingShapes.NodeTypeFullName(type)));
            }

            var shared = references.ToEquatableArray();
            var models = ImmutableArray.CreateBuilder<PartialTypeModel>(spec.Types.Count);
            foreach (var type in spec.Types)
            {
                cancellationToken.ThrowIfCancellationRequested();
                models.Add(new PartialTypeModel(type, shared));
            }

            return models.MoveToImmutable();
        }

        /// <summary>Keeps the first model per C# type, so a type reached from several roots is emitted once.</summary>
        public static ImmutableArray<PartialTypeModel> Distinct(ImmutableArray<PartialTypeModel> models, CancellationToken cancellationToken)
        {
            var seen = new HashSet<string>();
            var distinct = ImmutableArray.CreateBuilder<PartialTypeModel>();
            foreach (var model in models)
            {
                if (seen.Add(model.Type.Declaration.FullyQualifiedName)) distinct.Add(model);
            }

            return distinct.ToImmutable();
        }
    }

    /// <summary>Maps a type key to the generated partial type's full name and its node class's.</summary>
    internal sealed record PartialTypeReference(string Key, string PartialTypeFullName, string NodeTypeFullName);
}
