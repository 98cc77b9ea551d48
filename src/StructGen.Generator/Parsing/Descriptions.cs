namespace StructGen.Generator.Parsing
{
    /// <summary>Appends explanatory notes (limits strict mode cannot enforce, formats) to a description.</summary>
    internal static class Descriptions
    {
        public static string Append(string? description, string note)
        {
            if (string.IsNullOrWhiteSpace(description))
            {
                return note;
            }

            string trimmed = description!.TrimEnd();
            char last = trimmed[trimmed.Length - 1];
            return last == '.' || last == '!' || last == '?' || last == ':'
                ? trimmed + " " + note
                : trimmed + ". " + note;
        }
    }
}
