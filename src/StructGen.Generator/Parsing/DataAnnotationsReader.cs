using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using StructGen.Generator.Diagnostics;
using StructGen.Generator.Infrastructure;
using StructGen.Generator.Model;

namespace StructGen.Generator.Parsing
{
    /// <summary>
    /// DataAnnotations → schema keywords that strict mode supports (minimum/maximum, pattern, format,
    /// minItems/maxItems). What strict mode cannot enforce (string lengths, defaults) is described.
    /// </summary>
    internal static class DataAnnotationsReader
    {
        public static PropertyConstraints Read(
            ParseContext context,
            IPropertySymbol property,
            IParameterSymbol? parameter,
            TypeRefSpec type,
            ref string? description,
            MemberSite site)
        {
            ImmutableArray<AttributeData> propertyAttributes = property.GetAttributes();
            ImmutableArray<AttributeData> parameterAttributes = parameter?.GetAttributes() ?? ImmutableArray<AttributeData>.Empty;
            return Read(context, propertyAttributes, parameterAttributes, type, ref description, site);
        }

        /// <summary>The same for a <c>[Tool]</c> method's parameter (its attributes only).</summary>
        public static PropertyConstraints Read(ParseContext context, IParameterSymbol parameter, TypeRefSpec type, ref string? description, MemberSite site) =>
            Read(context, parameter.GetAttributes(), ImmutableArray<AttributeData>.Empty, type, ref description, site);

        /// <summary>Reads <paramref name="first"/>, then <paramref name="second"/> (two arrays rather than a concatenated
        /// sequence: no enumerator allocations for every member on every edit).</summary>
        private static PropertyConstraints Read(
            ParseContext context,
            ImmutableArray<AttributeData> first,
            ImmutableArray<AttributeData> second,
            TypeRefSpec type,
            ref string? description,
            MemberSite site)
        {
            PropertyConstraints constraints = PropertyConstraints.None;
            bool isString = type.Kind == TypeRefKind.String;
            bool isNumber = type.Kind is TypeRefKind.Integer or TypeRefKind.Number;
            bool isArray = type.Kind == TypeRefKind.Array;

            int count = first.Length + second.Length;
            for (int index = 0; index < count; index++)
            {
                AttributeData attribute = index < first.Length ? first[index] : second[index - first.Length];
                string? name = KnownName(attribute.AttributeClass);
                if (name is null)
                {
                    continue;
                }

                string shortName = attribute.AttributeClass!.Name.Replace("Attribute", string.Empty);
                switch (name)
                {
                    case KnownNames.RangeAttribute:
                        if (!isNumber)
                        {
                            Ignore(context, site, shortName, "it applies to numeric properties only");
                            break;
                        }

                        constraints = ReadRange(context, attribute, constraints, site, shortName);
                        break;

                    case KnownNames.RegularExpressionAttribute:
                        if (!isString)
                        {
                            Ignore(context, site, shortName, "it applies to string properties only");
                            break;
                        }

                        constraints = constraints with { Pattern = attribute.GetStringArgument() };
                        break;

                    case KnownNames.EmailAddressAttribute:
                        if (!isString)
                        {
                            Ignore(context, site, shortName, "it applies to string properties only");
                            break;
                        }

                        constraints = constraints with { Format = "email" };
                        break;

                    case KnownNames.MinLengthAttribute:
                    case KnownNames.MaxLengthAttribute:
                    case KnownNames.LengthAttribute:
                    case KnownNames.StringLengthAttribute:
                        int? min = name == KnownNames.MinLengthAttribute || name == KnownNames.LengthAttribute ? IntArgument(attribute, 0) : null;
                        int? max = name == KnownNames.MaxLengthAttribute || name == KnownNames.StringLengthAttribute ? IntArgument(attribute, 0)
                            : name == KnownNames.LengthAttribute ? IntArgument(attribute, 1) : null;
                        if (name == KnownNames.StringLengthAttribute && attribute.GetNamedArgument("MinimumLength")?.Value is int minimumLength && minimumLength > 0)
                        {
                            min = minimumLength;
                        }

                        if (max is < 0)
                        {
                            max = null; // [MaxLength] without an argument means "the largest allowed".
                        }

                        if (isArray && name != KnownNames.StringLengthAttribute)
                        {
                            constraints = constraints with { MinItems = min ?? constraints.MinItems, MaxItems = max ?? constraints.MaxItems };
                        }
                        else if (isString)
                        {
                            // No schema keyword in strict mode: described for the model, checked on the final value.
                            description = Descriptions.Append(description, LengthNote(min, max));
                            constraints = constraints with { MinLength = min ?? constraints.MinLength, MaxLength = max ?? constraints.MaxLength };
                        }
                        else
                        {
                            Ignore(context, site, shortName, "it applies to strings and collections only");
                        }

                        break;

                    case KnownNames.DefaultValueAttribute:
                        if (attribute.ConstructorArguments.Length == 1)
                        {
                            description = Descriptions.Append(description, "Default: " + FormatDefault(attribute.ConstructorArguments[0], type) + ".");
                        }

                        break;
                }
            }

            return constraints;
        }

        private static readonly string[] Recognized =
        {
            KnownNames.RangeAttribute, KnownNames.RegularExpressionAttribute, KnownNames.EmailAddressAttribute,
            KnownNames.MinLengthAttribute, KnownNames.MaxLengthAttribute, KnownNames.LengthAttribute,
            KnownNames.StringLengthAttribute, KnownNames.DefaultValueAttribute,
        };

        /// <summary>The <see cref="KnownNames"/> constant the attribute class displays as, or null when it is none of them.</summary>
        private static string? KnownName(INamedTypeSymbol? attributeClass)
        {
            foreach (string known in Recognized)
            {
                if (SymbolExtensions.HasDisplayName(attributeClass, known))
                {
                    return known;
                }
            }

            return null;
        }

        private static PropertyConstraints ReadRange(ParseContext context, AttributeData attribute, PropertyConstraints constraints, MemberSite site, string shortName)
        {
            var args = attribute.ConstructorArguments;
            TypedConstant minArg = args.Length == 3 ? args[1] : args.Length == 2 ? args[0] : default;
            TypedConstant maxArg = args.Length == 3 ? args[2] : args.Length == 2 ? args[1] : default;
            string? min = FormatNumber(minArg.Value);
            string? max = FormatNumber(maxArg.Value);
            if (min is null || max is null)
            {
                Ignore(context, site, shortName, "its bounds are not finite numbers");
                return constraints;
            }

            bool minExclusive = attribute.GetNamedArgument("MinimumIsExclusive")?.Value is true;
            bool maxExclusive = attribute.GetNamedArgument("MaximumIsExclusive")?.Value is true;
            return constraints with
            {
                Minimum = minExclusive ? null : min,
                ExclusiveMinimum = minExclusive ? min : null,
                Maximum = maxExclusive ? null : max,
                ExclusiveMaximum = maxExclusive ? max : null,
            };
        }

        private static string LengthNote(int? min, int? max)
        {
            string Chars(int n) => n.ToString(CultureInfo.InvariantCulture) + (n == 1 ? " character" : " characters");
            if (min is int lo && max is int hi)
            {
                return lo == hi ? "Exactly " + Chars(lo) + " long." : "Between " + lo.ToString(CultureInfo.InvariantCulture) + " and " + Chars(hi) + " long.";
            }

            if (min is int least)
            {
                return "At least " + Chars(least) + " long.";
            }

            return max is int most ? "At most " + Chars(most) + " long." : "Any length.";
        }

        private static int? IntArgument(AttributeData attribute, int index) =>
            attribute.ConstructorArguments.Length > index && attribute.ConstructorArguments[index].Value is int value ? value : null;

        /// <summary>JSON number text for an attribute argument, or null when it is not a finite number.</summary>
        internal static string? FormatNumber(object? value)
        {
            switch (value)
            {
                case int i: return i.ToString(CultureInfo.InvariantCulture);
                case long l: return l.ToString(CultureInfo.InvariantCulture);
                case double d when !double.IsNaN(d) && !double.IsInfinity(d): return d.ToString("R", CultureInfo.InvariantCulture);
                case string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) && !double.IsNaN(parsed) && !double.IsInfinity(parsed):
                    return decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal exact)
                        ? exact.ToString(CultureInfo.InvariantCulture)
                        : parsed.ToString("R", CultureInfo.InvariantCulture);
                default: return null;
            }
        }

        private static string FormatDefault(TypedConstant constant, TypeRefSpec type)
        {
            if (constant.IsNull)
            {
                return "null";
            }

            if (constant.Kind == TypedConstantKind.Enum && type.Enum is not null && constant.Type is INamedTypeSymbol enumType)
            {
                IFieldSymbol? member = enumType.GetMembers().OfType<IFieldSymbol>()
                    .FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, constant.Value));
                if (member is not null)
                {
                    return member.Name;
                }
            }

            switch (constant.Value)
            {
                case string s: return Escaping.JsonString(s);
                case bool b: return b ? "true" : "false";
                case char c: return Escaping.JsonString(c.ToString());
                case IFormattable f: return f.ToString(null, CultureInfo.InvariantCulture);
                default: return Convert.ToString(constant.Value, CultureInfo.InvariantCulture) ?? "null";
            }
        }

        private static void Ignore(ParseContext context, MemberSite site, string attributeName, string reason) =>
            context.Report(DiagnosticDescriptors.IgnoredDataAnnotation, site.Location, attributeName, site.MemberName, site.OwnerName, reason);
    }
}
