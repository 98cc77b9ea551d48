using StructGen.Generator.Diagnostics;
using StructGen.Generator.Infrastructure;
using StructGen.Generator.Model;

namespace StructGen.Generator.Tools
{
    /// <summary>What a tool method returns, as far as the tool result text is concerned.</summary>
    internal enum ToolReturnKind
    {
        /// <summary><c>void</c>, <c>Task</c>, <c>ValueTask</c>: the result text is <see cref="ToolNames.VoidResult"/>.</summary>
        Void,

        /// <summary><c>string</c> (possibly awaited): sent as is (<see langword="null"/> becomes an empty string).</summary>
        String,

        /// <summary>Any other mapped type: serialized to JSON text by generated code.</summary>
        Json,
    }

    /// <summary>How the tool method's result is awaited.</summary>
    internal enum ToolAwaitKind
    {
        None,
        Task,
        ValueTask,
    }

    /// <summary>The return of a tool method.</summary>
    /// <param name="Kind">What becomes of the value.</param>
    /// <param name="Await">Whether it is a <c>Task</c>/<c>ValueTask</c> to await.</param>
    /// <param name="Type">For <see cref="ToolReturnKind.Json"/>: the (awaited) value type.</param>
    internal sealed record ToolReturnSpec(ToolReturnKind Kind, ToolAwaitKind Await, TypeRefSpec? Type);

    /// <summary>One parameter of a tool method.</summary>
    /// <param name="Name">The C# parameter name (keywords escaped).</param>
    /// <param name="PropertyName">The property of the generated arguments class that carries it
    /// (empty for an injected <c>CancellationToken</c>).</param>
    /// <param name="FullyQualifiedType">The declared type, nullability included.</param>
    /// <param name="IsCancellationToken">Injected from the invoker, not part of the schema.</param>
    /// <param name="DefaultValue">A C# expression of the declared type for an optional parameter, else null.</param>
    internal sealed record ToolParameterSpec(
        string Name,
        string PropertyName,
        string FullyQualifiedType,
        bool IsCancellationToken,
        string? DefaultValue);

    /// <summary>One <c>[Tool]</c> method: everything the tools emitter needs (no Roslyn objects).</summary>
    /// <param name="MethodName">The C# method name (keywords escaped).</param>
    /// <param name="ToolName">The function name sent to the model.</param>
    /// <param name="Description">The function description, or null.</param>
    /// <param name="Strict">Strict-mode schema and <c>"strict":true</c>.</param>
    /// <param name="IsStatic">A static method (invoked without an instance).</param>
    /// <param name="Identifier">A C# identifier fragment unique within the class (<c>Weather</c>,
    /// <c>GetWeather</c>), used for generated member names.</param>
    /// <param name="Parameters">Every method parameter in order (injected ones included).</param>
    /// <param name="Return">What the method returns.</param>
    /// <param name="Arguments">The synthetic arguments type (root) and every type its parameters reach;
    /// <see cref="StructuredTypeSpec.SchemaName"/> is the tool name.</param>
    /// <param name="ResultTypes">Object types reached from the return type (for the generated JSON writer).</param>
    internal sealed record ToolSpec(
        string MethodName,
        string ToolName,
        string? Description,
        bool Strict,
        bool IsStatic,
        string Identifier,
        EquatableArray<ToolParameterSpec> Parameters,
        ToolReturnSpec Return,
        StructuredTypeSpec Arguments,
        EquatableArray<ObjectTypeSpec> ResultTypes)
    {
        /// <summary>The name of the generated nested arguments class.</summary>
        public string ArgumentsTypeName => Identifier + "Arguments";
    }

    /// <summary>Parser output for one <c>[Tool]</c> method.</summary>
    /// <param name="ClassDeclaration">The containing class (null when it cannot be generated at all).</param>
    /// <param name="Tool">The tool (names not yet resolved); null when the method was skipped.</param>
    /// <param name="Diagnostics">Every diagnostic for the method, including class-level ones (deduplicated when grouping).</param>
    /// <param name="Locations">Member locations for checks after the naming policy is applied.</param>
    /// <param name="MethodLocation">The method identifier, for class-level checks (duplicate names) and ordering.</param>
    internal sealed record ParsedTool(
        TypeDeclarationSpec? ClassDeclaration,
        ToolSpec? Tool,
        EquatableArray<DiagnosticInfo> Diagnostics,
        EquatableArray<MemberLocation> Locations,
        LocationInfo? MethodLocation);

    /// <summary>Resolver output for one <c>[Tool]</c> method.</summary>
    internal sealed record ResolvedTool(
        TypeDeclarationSpec? ClassDeclaration,
        ToolSpec? Tool,
        EquatableArray<DiagnosticInfo> Diagnostics,
        LocationInfo? MethodLocation);

    /// <summary>Every tool of one class, ready to emit.</summary>
    /// <param name="Declaration">The class.</param>
    /// <param name="Tools">In declaration order.</param>
    /// <param name="HasErrors">An error was reported for the class or one of its tools: nothing is emitted.</param>
    internal sealed record ToolClassSpec(
        TypeDeclarationSpec Declaration,
        EquatableArray<ToolSpec> Tools,
        bool HasErrors)
    {
        /// <summary>Whether any tool is an instance method (then <c>AsToolSet()</c> is generated, else <c>CreateToolSet()</c>).</summary>
        public bool HasInstanceTools
        {
            get
            {
                foreach (ToolSpec tool in Tools)
                {
                    if (!tool.IsStatic)
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }

    /// <summary>Every tool class of the compilation, and the diagnostics of every tool method.</summary>
    internal sealed record ToolGroups(
        EquatableArray<ToolClassSpec> Classes,
        EquatableArray<DiagnosticInfo> Diagnostics);
}
