using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using StructGen.Generator.Diagnostics;
using StructGen.Generator.Model;

namespace StructGen.Generator.Parsing
{
    /// <summary>
    /// State of one root parse: the work list of reachable object types (with their keys),
    /// diagnostics and member locations.
    /// </summary>
    internal sealed class ParseContext
    {
        // Key and fully qualified name of each object type: the name is built once per type (not per use of it).
        private readonly Dictionary<ITypeSymbol, ObjectTypeNames> _keys = new Dictionary<ITypeSymbol, ObjectTypeNames>(SymbolEqualityComparer.Default);
        private readonly HashSet<string> _usedKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly Queue<PendingType> _pending = new Queue<PendingType>();
        private const int LinearScanLimit = 32;

        private HashSet<(string, string)>? _locatedMembers;

        public ParseContext(Compilation compilation, CancellationToken cancellationToken)
        {
            Compilation = compilation;
            CancellationToken = cancellationToken;
        }

        public Compilation Compilation { get; }

        public CancellationToken CancellationToken { get; }

        public List<DiagnosticInfo> Diagnostics { get; } = new List<DiagnosticInfo>();

        // Sized for a root with a nested type and an enum (a root's first few types), so it rarely grows.
        public List<MemberLocation> Locations { get; } = new List<MemberLocation>(32);

        /// <summary>Which type declarations were last found free of documentation comments.</summary>
        public DescriptionReader.DocCommentScopes DocComments { get; } = new DescriptionReader.DocCommentScopes();

        /// <summary>Distance from the root of the type being parsed (the root is 0).</summary>
        public int CurrentDistance { get; set; }

        public void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params object?[] args) =>
            Diagnostics.Add(DiagnosticInfo.Create(descriptor, location, args));

        public void AddLocation(string typeName, string memberName, LocationInfo? location)
        {
            if (location is null)
            {
                return;
            }

            // The first location of a member wins. A root rarely reaches more than a few dozen members: scan the
            // list until then, and only index it in a set beyond that (a set per parse, grown on every edit, was
            // a measurable share of the transform's allocation).
            if (_locatedMembers is null)
            {
                foreach (MemberLocation existing in Locations)
                {
                    if (existing.TypeName == typeName && existing.MemberName == memberName)
                    {
                        return;
                    }
                }

                if (Locations.Count >= LinearScanLimit)
                {
                    _locatedMembers = new HashSet<(string, string)>();
                    foreach (MemberLocation existing in Locations)
                    {
                        _locatedMembers.Add((existing.TypeName, existing.MemberName));
                    }

                    _locatedMembers.Add((typeName, memberName));
                }
            }
            else if (!_locatedMembers.Add((typeName, memberName)))
            {
                return;
            }

            Locations.Add(new MemberLocation(typeName, memberName, location));
        }

        /// <summary>Returns the key of an object type, registering it for parsing on first sight.</summary>
        /// <param name="useSite">Where the type is first used: diagnostics about members without a
        /// source location (types from referenced assemblies) point here.</param>
        /// <param name="sameLevel">A derived type of a polymorphic base replaces the base at the same nesting level.</param>
        public string GetOrAddObjectKey(INamedTypeSymbol type, LocationInfo? useSite, bool sameLevel = false) =>
            GetOrAddObjectType(type, useSite, sameLevel).Key;

        /// <summary>
        /// <see cref="GetOrAddObjectKey"/> with the type's fully qualified name (<c>ToFullyQualified()</c>, which shows no
        /// nullability, so one name serves every use of the type).
        /// </summary>
        /// <param name="fullyQualifiedName">The name, when the caller has built it already.</param>
        public ObjectTypeNames GetOrAddObjectType(INamedTypeSymbol type, LocationInfo? useSite, bool sameLevel = false, string? fullyQualifiedName = null)
        {
            if (_keys.TryGetValue(type, out ObjectTypeNames names))
            {
                return names;
            }

            names = new ObjectTypeNames(MakeUniqueKey(type), fullyQualifiedName ?? type.ToFullyQualified());
            _keys.Add(type, names);
            _pending.Enqueue(new PendingType(type, names, useSite, CurrentDistance + (sameLevel ? 0 : 1)));
            return names;
        }

        public bool TryDequeue(out PendingType pending)
        {
            if (_pending.Count > 0)
            {
                pending = _pending.Dequeue();
                return true;
            }

            pending = default;
            return false;
        }

        private string MakeUniqueKey(INamedTypeSymbol type)
        {
            string baseKey = Sanitize(KeyText(type));
            string key = baseKey;
            for (int i = 2; !_usedKeys.Add(key); i++)
            {
                key = baseKey + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return key;
        }

        /// <summary><c>Page&lt;Book&gt;</c> becomes <c>PageOfBook</c>.</summary>
        private static string KeyText(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol named && named.TypeArguments.Length > 0)
            {
                return named.Name + "Of" + string.Join("And", named.TypeArguments.Select(KeyText));
            }

            if (type is IArrayTypeSymbol array)
            {
                return KeyText(array.ElementType) + "Array";
            }

            return type.Name;
        }

        /// <summary><c>$defs</c> keys stay within <c>[A-Za-z0-9_-]</c> so <c>$ref</c> pointers need no escaping.</summary>
        private static string Sanitize(string text)
        {
            bool clean = text.Length > 0;
            foreach (char c in text)
            {
                clean &= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            }

            if (clean)
            {
                return text; // The usual case: no copy.
            }

            var builder = new StringBuilder(text.Length);
            foreach (char c in text)
            {
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
                builder.Append(ok ? c : '_');
            }

            return builder.Length == 0 ? "Type" : builder.ToString();
        }

        internal readonly struct PendingType
        {
            public PendingType(INamedTypeSymbol type, ObjectTypeNames names, LocationInfo? useSite, int distance)
            {
                Type = type;
                Key = names.Key;
                FullyQualifiedName = names.FullyQualifiedName;
                UseSite = useSite;
                Distance = distance;
            }

            public INamedTypeSymbol Type { get; }

            public string Key { get; }

            /// <summary><c>Type.ToFullyQualified()</c>.</summary>
            public string FullyQualifiedName { get; }

            public LocationInfo? UseSite { get; }

            /// <summary>Object nesting levels between the root and this type along the discovery path.</summary>
            public int Distance { get; }
        }

        /// <summary>The <c>$defs</c> key of an object type and its fully qualified C# name.</summary>
        internal readonly struct ObjectTypeNames
        {
            public ObjectTypeNames(string key, string fullyQualifiedName)
            {
                Key = key;
                FullyQualifiedName = fullyQualifiedName;
            }

            public string Key { get; }

            public string FullyQualifiedName { get; }
        }
    }
}
