namespace StructGen.Generator.Model
{
    /// <summary>Mirror of the runtime's <c>StructGen.StructGenNamingPolicy</c> (same values).</summary>
    internal enum NamingPolicy
    {
        Default = 0,
        SnakeCaseLower = 1,
        CamelCase = 2,
        AsDeclared = 3,
        KebabCaseLower = 4,
        SnakeCaseUpper = 5,
    }
}
