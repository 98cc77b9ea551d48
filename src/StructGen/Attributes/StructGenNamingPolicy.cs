namespace StructGen
{
    /// <summary>How C# member and enum names become JSON names.</summary>
    public enum StructGenNamingPolicy
    {
        /// <summary>Inherit the assembly default (snake_case when none is set).</summary>
        Default = 0,
        /// <summary><c>PublishedYear</c> → <c>published_year</c>.</summary>
        SnakeCaseLower = 1,
        /// <summary><c>PublishedYear</c> → <c>publishedYear</c>.</summary>
        CamelCase = 2,
        /// <summary><c>PublishedYear</c> → <c>PublishedYear</c> (the C# name as written).</summary>
        AsDeclared = 3,
        /// <summary><c>PublishedYear</c> → <c>published-year</c>.</summary>
        KebabCaseLower = 4,
        /// <summary><c>PublishedYear</c> → <c>PUBLISHED_YEAR</c>.</summary>
        SnakeCaseUpper = 5,
    }
}
