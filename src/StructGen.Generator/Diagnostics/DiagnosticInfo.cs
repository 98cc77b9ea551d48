using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using StructGen.Generator.Infrastructure;

namespace StructGen.Generator.Diagnostics
{
    /// <summary>An equatable, Roslyn-object-free description of a diagnostic to report later.</summary>
    internal sealed record DiagnosticInfo(
        DiagnosticDescriptor Descriptor,
        LocationInfo? Location,
        EquatableArray<string> MessageArgs)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object?[] messageArgs) =>
            new DiagnosticInfo(
                descriptor,
                location,
                messageArgs.Select(a => System.Convert.ToString(a, CultureInfo.InvariantCulture) ?? string.Empty).ToEquatableArray());

        /// <summary>SGEN999: the generator caught an exception while processing <paramref name="typeName"/>.</summary>
        public static DiagnosticInfo InternalError(LocationInfo? location, string typeName, System.Exception exception) =>
            Create(DiagnosticDescriptors.InternalError, location, typeName, exception.GetType().Name + ": " + exception.Message);

        public bool IsError => Descriptor.DefaultSeverity == DiagnosticSeverity.Error;

        public Diagnostic ToDiagnostic(Compilation? compilation) =>
            Diagnostic.Create(
                Descriptor,
                Location?.ToLocation(compilation) ?? Microsoft.CodeAnalysis.Location.None,
                MessageArgs.Cast<object>().ToArray());
    }
}
