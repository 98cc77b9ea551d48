using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace StructGen.Tools
{
    /// <summary>
    /// Runs one tool: generated invokers take <paramref name="arguments"/>' <see cref="ToolArguments.Value"/>
    /// when the agent loop's streaming parser already built it, and parse <see cref="ToolArguments.Json"/>
    /// otherwise, so a streamed call is parsed once.
    /// </summary>
    /// <param name="arguments">The model's arguments.</param>
    /// <param name="cancellationToken">Cancels the tool.</param>
    /// <returns>The result text sent back to the model.</returns>
    public delegate ValueTask<string> ToolInvoker(ToolArguments arguments, CancellationToken cancellationToken);

    /// <summary>A tool call's arguments: the JSON text the model wrote, and the typed value already parsed from it, if any.</summary>
    public readonly struct ToolArguments
    {
        /// <summary>Creates the arguments.</summary>
        /// <param name="json">The arguments JSON text.</param>
        /// <param name="value">The typed arguments already parsed from <paramref name="json"/> (the tool's generated arguments class), or <see langword="null"/>.</param>
        public ToolArguments(string json, object? value = null)
        {
            Json = json ?? throw new ArgumentNullException(nameof(json));
            Value = value;
        }

        /// <summary>The arguments JSON text the model wrote.</summary>
        public string Json { get; }

        /// <summary>The typed arguments the streaming parser built from <see cref="Json"/>, or <see langword="null"/> when none was built.</summary>
        public object? Value { get; }

        /// <summary>The JSON text.</summary>
        public override string ToString() => Json;
    }


    /// <summary>
    /// A set of tools: their definitions (the <c>tools</c> payload) and a dispatcher, generated
    /// from <c>[Tool]</c> methods without reflection. Sets can be combined with <see cref="Combine"/>.
    /// </summary>
    public sealed class ToolSet
    {
        private readonly Dictionary<string, (ToolDefinition Definition, ToolInvoker Invoke)> _tools =
            new Dictionary<string, (ToolDefinition, ToolInvoker)>(StringComparer.Ordinal);
        private readonly List<ToolDefinition> _ordered = new List<ToolDefinition>();

        /// <summary>Adds a tool.</summary>
        /// <exception cref="ArgumentException">A tool with the same name is already in the set.</exception>
        public ToolSet Add(ToolDefinition definition, ToolInvoker invoke)
        {
            if (definition is null) throw new ArgumentNullException(nameof(definition));
            if (invoke is null) throw new ArgumentNullException(nameof(invoke));
            if (_tools.ContainsKey(definition.Name))
            {
                throw new ArgumentException($"A tool named '{definition.Name}' is already in this set; tool names must be unique.", nameof(definition));
            }

            _tools.Add(definition.Name, (definition, invoke));
            _ordered.Add(definition);
            return this;
        }

        /// <summary>The tools, in the order they were added.</summary>
        public IReadOnlyList<ToolDefinition> Definitions => _ordered;

        /// <summary>The definition of the named tool, if the set has one.</summary>
        public bool TryGetDefinition(string name, out ToolDefinition definition)
        {
            if (_tools.TryGetValue(name, out var tool))
            {
                definition = tool.Definition;
                return true;
            }

            definition = null!;
            return false;
        }

        /// <summary>Whether a tool with this name is in the set.</summary>
        public bool Contains(string name) => _tools.ContainsKey(name);

        /// <summary>Runs the named tool with the model's JSON arguments.</summary>
        /// <exception cref="UnknownToolException">No tool has that name.</exception>
        /// <exception cref="StructuredOutputException">The arguments do not match the tool's parameters.</exception>
        public ValueTask<string> InvokeAsync(string name, string argumentsJson, CancellationToken cancellationToken = default) =>
            InvokeAsync(name, new ToolArguments(argumentsJson), cancellationToken);

        /// <summary>Runs the tool named <paramref name="name"/> with arguments that may already be parsed.</summary>
        /// <param name="name">The tool's name.</param>
        /// <param name="arguments">The arguments (JSON, and the typed value when already built).</param>
        /// <param name="cancellationToken">Cancels the tool.</param>
        /// <exception cref="UnknownToolException">No tool has that name.</exception>
        public ValueTask<string> InvokeAsync(string name, ToolArguments arguments, CancellationToken cancellationToken = default)
        {
            if (!_tools.TryGetValue(name, out var tool)) throw new UnknownToolException(name, _ordered);
            return tool.Invoke(arguments, cancellationToken);
        }

        /// <summary>A new set holding the tools of all given sets.</summary>
        public static ToolSet Combine(params ToolSet[] sets)
        {
            var combined = new ToolSet();
            foreach (var set in sets)
            {
                foreach (var definition in set._ordered) combined.Add(definition, set._tools[definition.Name].Invoke);
            }

            return combined;
        }
    }

    /// <summary>The model called a tool that is not in the set.</summary>
    public sealed class UnknownToolException : Exception
    {
        internal UnknownToolException(string name, IReadOnlyList<ToolDefinition> available)
            : base($"The model called an unknown tool '{name}'. Available tools: {Describe(available)}.")
        {
            ToolName = name;
        }

        /// <summary>The name the model used.</summary>
        public string ToolName { get; }

        private static string Describe(IReadOnlyList<ToolDefinition> available)
        {
            if (available.Count == 0) return "(none)";
            var names = new string[available.Count];
            for (int i = 0; i < names.Length; i++) names[i] = available[i].Name;
            return string.Join(", ", names);
        }
    }
}
