using System.Collections.Generic;
using StructGen.Generator.Model;

namespace StructGen.Generator.Emitting.Streaming
{
    /// <summary>
    /// The names generated inside a partial type, made unique against the user's member names. The
    /// usual names (<c>{Member}State</c>, <c>State</c>, the nested <c>Node</c>, <c>_member</c> fields)
    /// are kept whenever they are free, so only a type whose members would collide (a member
    /// called <c>NameState</c> next to <c>Name</c>, one called <c>Node</c>, two differing only in the
    /// case of their first letter) gets a numbered or longer name, and always the same one.
    /// </summary>
    internal sealed class PartialMemberNames
    {
        private readonly Dictionary<string, string> _states = new Dictionary<string, string>();
        private readonly Dictionary<string, string> _fields = new Dictionary<string, string>();
        private readonly Dictionary<string, string> _parameters = new Dictionary<string, string>();
        private readonly Dictionary<string, string> _stateParameters = new Dictionary<string, string>();

        private PartialMemberNames(ObjectTypeSpec type)
        {
            // Members of the partial class: the user's names come first, generated ones fit around them.
            var members = new HashSet<string>();
            foreach (var p in type.Properties) members.Add(StreamingShapes.Unescape(p.Name));
            NodeClass = Claim(members, "Node", "Deserializer", "PartialNode");
            ObjectState = Claim(members, "State", "ObjectState");
            foreach (var p in type.Properties)
            {
                string name = StreamingShapes.Unescape(p.Name);
                _states[p.Name] = Claim(members, name + "State", name + "FieldState");
            }

            // Fields of the node class, constructor parameters of the partial class.
            var fields = new HashSet<string>();
            var parameters = new HashSet<string> { "__objectState" };
            foreach (var p in type.Properties)
            {
                string camel = Camel(StreamingShapes.Unescape(p.Name));
                _fields[p.Name] = Claim(fields, "_" + camel);
                _parameters[p.Name] = "@" + Claim(parameters, camel);
                _stateParameters[p.Name] = "@" + Claim(parameters, camel + "State");
            }
        }

        /// <summary>The nested push-deserializer class (<c>Node</c> unless a member has that name).</summary>
        public string NodeClass { get; }

        /// <summary>The partial's own state property (<c>State</c> unless a member has that name).</summary>
        public string ObjectState { get; }

        public static PartialMemberNames For(ObjectTypeSpec type) => new PartialMemberNames(type);

        /// <summary>The partial's state property of <paramref name="p"/>.</summary>
        public string StateOf(PropertySpec p) => _states[p.Name];

        /// <summary>The node class's field holding the child node of <paramref name="p"/>.</summary>
        public string FieldOf(PropertySpec p) => _fields[p.Name];

        /// <summary>A local name derived from the field (for the final value of <paramref name="p"/>).</summary>
        public string LocalOf(PropertySpec p) => "__" + _fields[p.Name].Substring(1);

        /// <summary>The snapshot constructor's parameter for the value of <paramref name="p"/>.</summary>
        public string ParameterOf(PropertySpec p) => _parameters[p.Name];

        /// <summary>The snapshot constructor's parameter for the state of <paramref name="p"/>.</summary>
        public string StateParameterOf(PropertySpec p) => _stateParameters[p.Name];

        private static string Claim(HashSet<string> taken, params string[] preferences)
        {
            foreach (var name in preferences)
            {
                if (taken.Add(name)) return name;
            }

            string stem = preferences[preferences.Length - 1];
            for (int i = 2; ; i++)
            {
                if (taken.Add(stem + i.ToString(System.Globalization.CultureInfo.InvariantCulture))) return stem + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);
    }
}
