using System;

namespace StructGen
{
    /// <summary>
    /// Marks a method of a <c>partial</c> class as a function tool the model may call. The generator
    /// emits the tool definition (name, description, JSON Schema of the parameters), a generated
    /// argument parser and a dispatcher that invokes the method without reflection.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class ToolAttribute : Attribute
    {
        /// <summary>The function name sent to the model; defaults to the snake_case method name.</summary>
        public string? Name { get; set; }

        /// <summary>The function description; defaults to the method's XML doc summary.</summary>
        public string? Description { get; set; }

        /// <summary>
        /// When <see langword="true"/>, the parameters schema follows OpenAI strict mode
        /// (<c>additionalProperties:false</c>, every property required, nullable unions) and the
        /// definition carries <c>"strict":true</c>. Defaults to <see langword="false"/>.
        /// </summary>
        public bool Strict { get; set; }
    }
}
