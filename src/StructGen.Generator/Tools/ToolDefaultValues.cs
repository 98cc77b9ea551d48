using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using StructGen.Generator.Infrastructure;

namespace StructGen.Generator.Tools
{
    /// <summary>Renders the default value of an optional parameter as a C# expression of the declared
    /// type (used when the model leaves the argument out, or sends <c>null</c> for it in strict mode).</summary>
    internal static class ToolDefaultValues
    {
        public static string Render(IParameterSymbol parameter, string declaredType)
        {
            if (!parameter.HasExplicitDefaultValue || parameter.ExplicitDefaultValue is null)
            {
                // [Optional] without a value, `= null` and `= default`.
                return "default(" + declaredType + ")!";
            }

            object value = parameter.ExplicitDefaultValue;
            ITypeSymbol type = parameter.Type;
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
            {
                IFieldSymbol? member = enumType.GetMembers().OfType<IFieldSymbol>()
                    .FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value));
                string enumName = enumType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
                return member is not null
                    ? "(" + declaredType + ")" + enumName + "." + Parsing.SymbolExtensions.EscapeIdentifier(member.Name)
                    : "(" + declaredType + ")(" + Literal(value) + ")";
            }

            return "(" + declaredType + ")(" + Literal(value) + ")";
        }

        private static string Literal(object value)
        {
            IFormatProvider invariant = CultureInfo.InvariantCulture;
            switch (value)
            {
                case string s: return Escaping.CSharpString(s);
                case bool b: return b ? "true" : "false";
                case char c: return "(char)" + ((int)c).ToString(invariant);
                case int i: return i.ToString(invariant);
                case uint u: return u.ToString(invariant) + "U";
                case long l: return l.ToString(invariant) + "L";
                case ulong ul: return ul.ToString(invariant) + "UL";
                case short s16: return s16.ToString(invariant);
                case ushort u16: return u16.ToString(invariant);
                case byte u8: return u8.ToString(invariant);
                case sbyte s8: return s8.ToString(invariant);
                case decimal m: return m.ToString(invariant) + "M";
                case double d:
                    if (double.IsNaN(d)) return "double.NaN";
                    if (double.IsPositiveInfinity(d)) return "double.PositiveInfinity";
                    if (double.IsNegativeInfinity(d)) return "double.NegativeInfinity";
                    return d.ToString("R", invariant) + "D";
                case float f:
                    if (float.IsNaN(f)) return "float.NaN";
                    if (float.IsPositiveInfinity(f)) return "float.PositiveInfinity";
                    if (float.IsNegativeInfinity(f)) return "float.NegativeInfinity";
                    return f.ToString("R", invariant) + "F";
                default:
                    return Convert.ToString(value, invariant) ?? "default";
            }
        }
    }
}
