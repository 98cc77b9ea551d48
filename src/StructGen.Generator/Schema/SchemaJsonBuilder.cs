using System.Collections.Generic;
using System.Linq;
using StructGen.Generator.Infrastructure;
using StructGen.Generator.Model;

namespace StructGen.Generator.Schema
{
    /// <summary>
    /// Writes the strict JSON Schema of a resolved <see cref="StructuredTypeSpec"/> as compact JSON.
    /// Objects: <c>type, description, properties, required, additionalProperties:false</c> (+ <c>$defs</c>
    /// at the root); properties: <c>type, description, format/enum/items, …</c>. Pure: specs in, text out.
    /// The non-strict mode (function tools without <c>strict</c>) writes the natural schema instead: no
    /// <c>additionalProperties</c>, and the root's optional members (a constructor parameter with an
    /// <see cref="ConstructorParameterSpec.OptionalFallback"/>) left out of <c>required</c>. The
    /// Anthropic and Gemini dialects (<see cref="SchemaDialect"/>) build on strict and natural.
    /// </summary>
    internal sealed class SchemaJsonBuilder
    {
        private readonly Dictionary<string, ObjectTypeSpec> _types;
        private readonly StructuredTypeSpec _spec;
        private readonly JsonTextBuilder _json = new JsonTextBuilder();
        private readonly SchemaStatistics _statistics = new SchemaStatistics();
        private readonly SchemaDialect _dialect;

        private SchemaJsonBuilder(StructuredTypeSpec spec, SchemaDialect dialect = SchemaDialect.OpenAIStrict)
        {
            _spec = spec;
            _dialect = dialect;
            _types = spec.Types.ToDictionary(t => t.Key);
        }

        /// <summary>Closed objects with every member required (OpenAI strict and Anthropic).</summary>
        private bool Strict => _dialect is SchemaDialect.OpenAIStrict or SchemaDialect.Anthropic;

        /// <summary>Nullable values as <c>anyOf</c> with <c>{"type":"null"}</c> rather than a type list.</summary>
        private bool NullAsBranch => _dialect is SchemaDialect.Anthropic or SchemaDialect.Gemini;

        /// <summary>The schema (the value of <c>json_schema.schema</c>).</summary>
        public static string BuildSchema(StructuredTypeSpec spec) => BuildSchema(spec, out _);

        public static string BuildSchema(StructuredTypeSpec spec, out SchemaStatistics statistics)
        {
            var builder = new SchemaJsonBuilder(spec);
            builder.WriteRoot();
            statistics = builder._statistics;
            return builder._json.ToString();
        }

        /// <summary>The strict schema, or with <paramref name="strict"/> false the natural (non-strict) one.</summary>
        public static string BuildSchema(StructuredTypeSpec spec, bool strict) =>
            BuildSchema(spec, strict ? SchemaDialect.OpenAIStrict : SchemaDialect.Natural);

        /// <summary>The schema in <paramref name="dialect"/>.</summary>
        public static string BuildSchema(StructuredTypeSpec spec, SchemaDialect dialect)
        {
            var builder = new SchemaJsonBuilder(spec, dialect);
            builder.WriteRoot();
            return builder._json.ToString();
        }

        /// <summary>The whole <c>response_format</c> object around <paramref name="schemaJson"/>.</summary>
        public static string BuildResponseFormat(StructuredTypeSpec spec, string schemaJson)
        {
            var json = new JsonTextBuilder();
            json.StartObject()
                .Property("type", "json_schema")
                .Name("json_schema").StartObject()
                .Property("name", spec.SchemaName)
                .RawProperty("strict", "true");
            if (spec.Description is not null)
            {
                json.Property("description", spec.Description);
            }

            json.RawProperty("schema", schemaJson)
                .EndObject()
                .EndObject();
            return json.ToString();
        }

        private void WriteRoot()
        {
            List<ObjectTypeSpec> definitions = _spec.Types.Where(t => t.UseDefinition && !t.IsRoot).ToList();
            WriteObject(_spec.Root, description: null, discriminator: null, ignorePolymorphism: true, definitions);
        }

        private void WriteObject(
            ObjectTypeSpec type,
            string? description,
            (string Name, DerivedTypeSpec Derived)? discriminator,
            bool ignorePolymorphism,
            List<ObjectTypeSpec>? definitions = null)
        {
            if (type.Polymorphism is not null && !ignorePolymorphism)
            {
                _json.StartObject();
                _json.Name("anyOf").StartArray();
                foreach (DerivedTypeSpec derived in type.Polymorphism.DerivedTypes)
                {
                    ObjectTypeSpec derivedType = _types[derived.DefinitionKey];
                    WriteObject(derivedType, derivedType.Description, (type.Polymorphism.DiscriminatorPropertyName, derived), ignorePolymorphism: true);
                }

                _json.EndArray();
                WriteDescription(description);
                _json.EndObject();
                return;
            }

            _json.StartObject().Property("type", "object");
            WriteDescription(description);
            _json.Name("properties").StartObject();
            if (discriminator is { } d)
            {
                _json.Name(d.Name).StartObject()
                    .Property("type", d.Derived.IsNumericDiscriminator ? "integer" : "string")
                    .Name("enum").StartArray();
                if (d.Derived.IsNumericDiscriminator)
                {
                    _json.Raw(d.Derived.Discriminator);
                }
                else
                {
                    _json.String(d.Derived.Discriminator);
                }

                _json.EndArray().EndObject();
                _statistics.ObjectProperties++;
                _statistics.NameCharacters += d.Name.Length + d.Derived.Discriminator.Length;
            }

            foreach (PropertySpec property in type.Properties)
            {
                _json.Name(property.JsonName);
                WriteType(property.Type, property.Description, property.Constraints);
                _statistics.ObjectProperties++;
                _statistics.NameCharacters += property.JsonName.Length;
            }

            _json.EndObject();
            if (Strict)
            {
                _json.Name("required").StartArray();
                if (discriminator is { } required)
                {
                    _json.String(required.Name);
                }

                foreach (PropertySpec property in type.Properties)
                {
                    _json.String(property.JsonName);
                }

                _json.EndArray();
                _json.RawProperty("additionalProperties", "false");
            }
            else
            {
                WriteNaturalRequired(type, discriminator?.Name);
            }

            if (definitions is { Count: > 0 })
            {
                _json.Name("$defs").StartObject();
                foreach (ObjectTypeSpec definition in definitions)
                {
                    _json.Name(definition.Key);
                    WriteObject(definition, definition.Description, discriminator: null, ignorePolymorphism: false);
                    _statistics.NameCharacters += definition.Key.Length;
                }

                _json.EndObject();
            }

            _json.EndObject();
        }

        private void WriteType(TypeRefSpec type, string? description, PropertyConstraints constraints)
        {
            string? words = DialectKeywords.Describe(_dialect, constraints);
            if (words is not null)
            {
                // The dialect rejects these keywords: say them in words so the model still sees them.
                description = description is null ? words : description + " " + words;
            }

            if (type.IsNullable && NullAsBranch && type.Kind != TypeRefKind.Object)
            {
                _json.StartObject().Name("anyOf").StartArray();
                WriteTypeBody(type with { IsNullable = false }, null, constraints);
                _json.StartObject().Property("type", "null").EndObject();
                _json.EndArray();
                WriteDescription(description);
                _json.EndObject();
                return;
            }

            WriteTypeBody(type, description, constraints);
        }

        private void WriteTypeBody(TypeRefSpec type, string? description, PropertyConstraints constraints)
        {
            switch (type.Kind)
            {
                case TypeRefKind.Object:
                    WriteObjectReference(type, description);
                    return;

                case TypeRefKind.Array:
                    _json.StartObject();
                    WriteTypeKeyword("array", type.IsNullable);
                    WriteDescription(description);
                    _json.Name("items");
                    WriteType(type.Element!, null, PropertyConstraints.None);
                    if (constraints.MinItems is int minItems && Keeps(constraints, "minItems"))
                    {
                        _json.RawProperty("minItems", minItems.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }

                    if (constraints.MaxItems is int maxItems && Keeps(constraints, "maxItems"))
                    {
                        _json.RawProperty("maxItems", maxItems.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }

                    _json.EndObject();
                    return;

                case TypeRefKind.Enum:
                    WriteEnum(type, description);
                    return;

                default:
                    _json.StartObject();
                    WriteTypeKeyword(JsonType(type.Kind), type.IsNullable);
                    WriteDescription(description);
                    string? format = constraints.Format ?? Format(type.Kind);
                    if (format is not null)
                    {
                        _json.Property("format", format);
                    }

                    if (constraints.Pattern is not null && Keeps(constraints, "pattern"))
                    {
                        _json.Property("pattern", constraints.Pattern);
                    }

                    WriteNumber(constraints, "minimum", constraints.Minimum);
                    WriteNumber(constraints, "exclusiveMinimum", constraints.ExclusiveMinimum);
                    WriteNumber(constraints, "maximum", constraints.Maximum);
                    WriteNumber(constraints, "exclusiveMaximum", constraints.ExclusiveMaximum);
                    _json.EndObject();
                    return;
            }
        }

        /// <summary>Non-strict <c>required</c>: every member except the root's optional ones; left out when empty.</summary>
        private void WriteNaturalRequired(ObjectTypeSpec type, string? discriminator)
        {
            var names = new List<string>();
            if (discriminator is not null)
            {
                names.Add(discriminator);
            }

            foreach (PropertySpec property in type.Properties)
            {
                bool optional = type.IsRoot && type.Construction.Parameters.Any(p => p.PropertyName == property.Name && p.OptionalFallback is not null);
                if (!optional)
                {
                    names.Add(property.JsonName);
                }
            }

            if (names.Count == 0)
            {
                return;
            }

            _json.Name("required").StartArray();
            foreach (string name in names)
            {
                _json.String(name);
            }

            _json.EndArray();
        }

        private void WriteObjectReference(TypeRefSpec type, string? description)
        {
            ObjectTypeSpec target = _types[type.DefinitionKey!];
            bool byReference = target.IsRoot || target.UseDefinition;
            string reference = target.IsRoot ? "#" : "#/$defs/" + target.Key;

            if (!type.IsNullable && !byReference)
            {
                WriteObject(target, description ?? target.Description, discriminator: null, ignorePolymorphism: false);
                return;
            }

            if (!type.IsNullable && description is null)
            {
                _json.StartObject().Property("$ref", reference).EndObject();
                return;
            }

            // A $ref with sibling keywords is rejected by strict mode, so a described or nullable
            // reference is wrapped in anyOf (with {"type":"null"} when nullable).
            _json.StartObject().Name("anyOf").StartArray();
            if (byReference)
            {
                _json.StartObject().Property("$ref", reference).EndObject();
            }
            else
            {
                WriteObject(target, target.Description, discriminator: null, ignorePolymorphism: false);
            }

            if (type.IsNullable)
            {
                _json.StartObject().Property("type", "null").EndObject();
            }

            _json.EndArray();
            WriteDescription(description);
            _json.EndObject();
        }

        private void WriteEnum(TypeRefSpec type, string? description)
        {
            EnumSpec spec = type.Enum!;
            _json.StartObject();
            WriteTypeKeyword("string", type.IsNullable);
            WriteDescription(EnumDescription(spec, description));
            _json.Name("enum").StartArray();
            int characters = 0;
            foreach (EnumMemberSpec member in spec.Members)
            {
                _json.String(member.JsonValue);
                characters += member.JsonValue.Length;
            }

            if (type.IsNullable)
            {
                _json.Raw("null");
            }

            _json.EndArray().EndObject();

            _statistics.EnumValues += spec.Members.Count;
            _statistics.NameCharacters += characters;
            if (spec.Members.Count > 250 && characters > _statistics.LargestBigEnumCharacters)
            {
                _statistics.LargestBigEnum = spec.FullyQualifiedName;
                _statistics.LargestBigEnumValues = spec.Members.Count;
                _statistics.LargestBigEnumCharacters = characters;
            }
        }

        /// <summary>The property's (or enum's) description, followed by one line per described member.</summary>
        private static string? EnumDescription(EnumSpec spec, string? description)
        {
            string? text = description ?? spec.Description;
            string[] lines = spec.Members
                .Where(m => m.Description is not null)
                .Select(m => "- " + m.JsonValue + ": " + m.Description)
                .ToArray();
            if (lines.Length == 0)
            {
                return text;
            }

            string list = string.Join("\n", lines);
            return text is null ? list : text + "\n" + list;
        }

        private void WriteTypeKeyword(string jsonType, bool nullable)
        {
            if (nullable)
            {
                _json.Name("type").StartArray().String(jsonType).String("null").EndArray();
            }
            else
            {
                _json.Property("type", jsonType);
            }
        }

        private void WriteDescription(string? description)
        {
            if (description is not null)
            {
                _json.Property("description", description);
            }
        }

        private bool Keeps(PropertyConstraints constraints, string keyword) => DialectKeywords.Keeps(_dialect, constraints, keyword);

        private void WriteNumber(PropertyConstraints constraints, string name, string? value)
        {
            if (value is not null && Keeps(constraints, name))
            {
                _json.RawProperty(name, value);
            }
        }

        private static string JsonType(TypeRefKind kind) => kind switch
        {
            TypeRefKind.Boolean => "boolean",
            TypeRefKind.Integer => "integer",
            TypeRefKind.Number => "number",
            _ => "string",
        };

        private static string? Format(TypeRefKind kind) => kind switch
        {
            TypeRefKind.DateTime or TypeRefKind.DateTimeOffset => "date-time",
            TypeRefKind.DateOnly => "date",
            TypeRefKind.TimeOnly => "time",
            TypeRefKind.TimeSpan => "duration",
            TypeRefKind.Guid => "uuid",
            _ => null,
        };
    }
}
