namespace StructGen.Generator.Schema
{
    /// <summary>Sizes measured while writing a schema, checked against the service limits.</summary>
    internal sealed class SchemaStatistics
    {
        /// <summary>Properties over every object schema written (inlined copies included).</summary>
        public int ObjectProperties { get; set; }

        /// <summary>Enum values over every enum written.</summary>
        public int EnumValues { get; set; }

        /// <summary>Characters of property names, definition names, enum values and const values.</summary>
        public int NameCharacters { get; set; }

        /// <summary>The enum with more than 250 values that has the most characters, if any.</summary>
        public string? LargestBigEnum { get; set; }

        public int LargestBigEnumValues { get; set; }

        public int LargestBigEnumCharacters { get; set; }
    }
}
