namespace StructGen.Generator.Infrastructure
{
    /// <summary>Hash combining for netstandard2.0 (which has no <c>System.HashCode</c>).</summary>
    internal static class HashHelpers
    {
        public static int Combine(int h1, int h2)
        {
            unchecked
            {
                uint rol5 = ((uint)h1 << 5) | ((uint)h1 >> 27);
                return ((int)rol5 + h1) ^ h2;
            }
        }
    }
}
