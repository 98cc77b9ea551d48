using Microsoft.CodeAnalysis;

namespace StructGen.Generator.Diagnostics
{
    /// <summary>Every diagnostic StructGen reports. Documented in <c>docs/diagnostics.md</c>.</summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "StructGen";
        private const string HelpRoot = "https://github.com/structgen/structgen/blob/main/docs/diagnostics.md#";

        public static readonly DiagnosticDescriptor TypeMustBePartial = Create(
            "SGEN001",
            "Structured-output type must be partial",
            "'{0}' must be declared partial because StructGen adds generated members to '{1}'",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor UnsupportedMemberType = Create(
            "SGEN002",
            "Member type is not supported",
            "Property '{0}' of '{1}' has type '{2}', which StructGen cannot map to a JSON Schema: {3}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor NotExpressibleInStrictMode = Create(
            "SGEN003",
            "Member type cannot be expressed in strict mode",
            "Property '{0}' of '{1}' has type '{2}', which strict mode cannot express because every property name must be known in advance; {3}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor GenericTypeNotSupported = Create(
            "SGEN004",
            "Generic structured-output type",
            "'{0}' is generic, so its schema is not known at compile time; put [StructuredOutput] on a non-generic type that uses a closed form of it as a property",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor PolymorphicRoot = Create(
            "SGEN005",
            "Polymorphic root type",
            "'{0}' is polymorphic, but the root of a response_format schema must be a single object; wrap it, e.g. 'public partial record {0}Response({0} Value);', and mark the wrapper [StructuredOutput]",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor SchemaLimitExceeded = Create(
            "SGEN006",
            "Schema exceeds a structured-outputs limit",
            "The schema of '{0}' exceeds a structured-outputs limit: {1} is {2}, the limit is {3}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor InvalidSchemaName = Create(
            "SGEN007",
            "Invalid schema name",
            "The schema name '{0}' of '{1}' is invalid: it must be 1 to 64 characters from a-z, A-Z, 0-9, '_' and '-'; set [StructuredOutput(Name = \"...\")]",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor JsonNameCollision = Create(
            "SGEN008",
            "JSON name collision",
            "'{0}' and '{1}' of '{2}' both map to the JSON name '{3}'; rename one or give it an explicit name ([JsonPropertyName] or, for enum members, [JsonStringEnumMemberName])",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor NonTerminatingRecursion = Create(
            "SGEN009",
            "Recursive type without a way to terminate",
            "Property '{0}' of '{1}' makes '{2}' contain itself through non-nullable members ({3}), so no finite value exists; make the property nullable or a collection",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor InaccessibleType = Create(
            "SGEN010",
            "Type is not accessible to generated code",
            "The type '{0}' is {1}, so generated code cannot use it; make it internal or public",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor NoUsableConstructor = Create(
            "SGEN011",
            "No usable constructor",
            "'{0}' has no constructor StructGen can use: {1}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor ConstructorParameterWithoutProperty = Create(
            "SGEN012",
            "Constructor parameter without a matching property",
            "Parameter '{0}' of the constructor of '{1}' does not match a public property with the same name and type, so StructGen cannot fill it",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor InvalidNamingPolicyProperty = Create(
            "SGEN013",
            "Unknown StructGenNamingPolicy value",
            "The MSBuild property StructGenNamingPolicy has the unknown value '{0}'; expected one of {1}; snake_case is used instead",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor IgnoredDataAnnotation = Create(
            "SGEN014",
            "Data annotation ignored",
            "[{0}] on property '{1}' of '{2}' is ignored: {3}",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor KeywordDroppedForDialect = Create(
            "SGEN024",
            "Schema keyword not accepted by a protocol's dialect",
            "Property '{0}' of '{1}': {2} rejects {3}, so its schema states the constraint in the description instead and the provider does not enforce it",
            DiagnosticSeverity.Info);

        public static readonly DiagnosticDescriptor RedundantStreamingContract = Create(
            "SGEN025",
            "Streaming contract has no effect",
            "[StreamAtomic] on property '{0}' of '{1}' has no effect: values of type '{2}' already appear only once complete; remove the attribute",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor UnmeetableStreamingContract = Create(
            "SGEN027",
            "Streaming contract can never be met",
            "[StreamRequires(\"{0}\")] on '{1}' can never be met: {2}",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor InvalidSchemaDialectsProperty = Create(
            "SGEN026",
            "Unknown StructGenSchemaDialects value",
            "The MSBuild property StructGenSchemaDialects contains {0}, which is not a known dialect; expected a ';'-separated list of {1}; the unknown entries are ignored and OpenAI strict is checked when no entry is valid",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor GeneratedMemberConflict = Create(
            "SGEN015",
            "Member name conflicts with a generated member",
            "'{0}' already declares a member named '{1}', which StructGen generates; rename or remove it",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor ToolClassMustBePartial = Create(
            "SGEN016",
            "Tool class must be a partial class",
            "'{0}' must be {1} because StructGen adds tool members (ToolsJson, ToolDefinitions and a ToolSet factory) to '{2}'",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor UnsupportedToolParameterType = Create(
            "SGEN017",
            "Tool parameter type is not supported",
            "Parameter '{0}' of tool method '{1}' has type '{2}', which StructGen cannot map to a JSON Schema: {3}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor UnsupportedToolReturnType = Create(
            "SGEN018",
            "Tool return type is not supported",
            "Tool method '{0}' returns '{1}', which StructGen cannot turn into a tool result: {2}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DuplicateToolName = Create(
            "SGEN019",
            "Duplicate tool name",
            "'{0}' and '{1}' of '{2}' both define the tool '{3}'; tool names must be unique, set [Tool(Name = \"...\")] on one of them",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor GenericTool = Create(
            "SGEN020",
            "Generic tool method",
            "'{0}' is generic, so the schema of tool method '{1}' is not known at compile time; [Tool] methods must be non-generic and declared in non-generic classes",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor ByReferenceToolParameter = Create(
            "SGEN021",
            "By-reference tool parameter",
            "Parameter '{0}' of tool method '{1}' is declared '{2}'; tool arguments arrive as JSON, so use a by-value parameter",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor InvalidToolName = Create(
            "SGEN022",
            "Invalid tool name",
            "The tool name '{0}' of '{1}' is invalid: it must be 1 to 64 characters from a-z, A-Z, 0-9, '_' and '-'; set [Tool(Name = \"...\")]",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor ToolArgumentsTypeCollision = Create(
            "SGEN023",
            "Tool arguments types collide",
            "Tool '{0}' of '{1}' and tool '{2}' of '{3}' would both generate the partial arguments type '{4}'; give one of them another name with [Tool(Name = \"...\")] or move one class to another namespace",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor InternalError = Create(
            "SGEN999",
            "StructGen internal error",
            "StructGen failed while processing '{0}': {1}; please report this at https://github.com/structgen/structgen/issues",
            DiagnosticSeverity.Error);

        private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity) =>
            new DiagnosticDescriptor(
                id,
                title,
                message,
                Category,
                severity,
                isEnabledByDefault: true,
                helpLinkUri: HelpRoot + id.ToLowerInvariant());
    }
}
