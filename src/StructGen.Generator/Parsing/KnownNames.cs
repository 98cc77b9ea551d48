namespace StructGen.Generator.Parsing
{
    /// <summary>Metadata names of the attributes and types the parser recognizes.</summary>
    internal static class KnownNames
    {
        public const string StructuredOutputAttribute = "StructGen.StructuredOutputAttribute";
        public const string StreamAtomicAttribute = "StructGen.StreamAtomicAttribute";
        public const string StreamRequiresAttribute = "StructGen.StreamRequiresAttribute";
        public const string StructGenDefaultsAttribute = "StructGen.StructGenDefaultsAttribute";

        /// <summary>Members the emitters add to an annotated type (a user member with one of these names is SGEN015).</summary>
        public static readonly string[] GeneratedMembers = { "JsonSchema", "ResponseFormatJson", "SchemaName" };

        public const string DescriptionAttribute = "System.ComponentModel.DescriptionAttribute";
        public const string DefaultValueAttribute = "System.ComponentModel.DefaultValueAttribute";

        public const string JsonPropertyNameAttribute = "System.Text.Json.Serialization.JsonPropertyNameAttribute";
        public const string JsonIgnoreAttribute = "System.Text.Json.Serialization.JsonIgnoreAttribute";
        public const string JsonConstructorAttribute = "System.Text.Json.Serialization.JsonConstructorAttribute";
        public const string JsonPolymorphicAttribute = "System.Text.Json.Serialization.JsonPolymorphicAttribute";
        public const string JsonDerivedTypeAttribute = "System.Text.Json.Serialization.JsonDerivedTypeAttribute";
        public const string JsonStringEnumMemberNameAttribute = "System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute";
        public const string EnumMemberAttribute = "System.Runtime.Serialization.EnumMemberAttribute";
        public const string FlagsAttribute = "System.FlagsAttribute";
        public const string SetsRequiredMembersAttribute = "System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute";

        public const string RangeAttribute = "System.ComponentModel.DataAnnotations.RangeAttribute";
        public const string RegularExpressionAttribute = "System.ComponentModel.DataAnnotations.RegularExpressionAttribute";
        public const string EmailAddressAttribute = "System.ComponentModel.DataAnnotations.EmailAddressAttribute";
        public const string MinLengthAttribute = "System.ComponentModel.DataAnnotations.MinLengthAttribute";
        public const string MaxLengthAttribute = "System.ComponentModel.DataAnnotations.MaxLengthAttribute";
        public const string LengthAttribute = "System.ComponentModel.DataAnnotations.LengthAttribute";
        public const string StringLengthAttribute = "System.ComponentModel.DataAnnotations.StringLengthAttribute";
    }
}
