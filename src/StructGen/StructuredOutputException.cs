using System;
using System.Globalization;
using System.Text;

namespace StructGen
{
    /// <summary>What went wrong with a structured-output document.</summary>
    public enum StructuredOutputErrorKind
    {
        /// <summary>The text is not valid JSON (or not valid UTF-8).</summary>
        InvalidJson,
        /// <summary>The text ended before the JSON document was complete.</summary>
        Truncated,
        /// <summary>A value has a different JSON type than the schema requires.</summary>
        WrongType,
        /// <summary>A required member is absent.</summary>
        MissingMember,
        /// <summary>A string is not one of the enum's values.</summary>
        InvalidEnumValue,
        /// <summary>A number does not fit the C# type (range or fraction).</summary>
        NumberOutOfRange,
        /// <summary>A string could not be converted to the C# type (date, GUID, URI, char…).</summary>
        InvalidFormat,
        /// <summary>A property appears twice in one object.</summary>
        DuplicateMember,
        /// <summary>A complete value breaks a DataAnnotations bound (<c>[Range]</c>, <c>[MaxLength]</c>, <c>[RegularExpression]</c>…).</summary>
        ConstraintViolated,
    }

    /// <summary>
    /// The model's output does not match the expected structure. Carries the JSON path of the
    /// problem (<c>$.author.name</c>), what was expected, what came instead, the character offset
    /// and the raw text received, so the error can be shown to a user or sent back to the model.
    /// </summary>
    public class StructuredOutputException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public StructuredOutputException(
            StructuredOutputErrorKind kind,
            string? path,
            string expected,
            string actual,
            long offset = -1,
            Exception? inner = null)
            : base(string.Empty, inner)
        {
            Kind = kind;
            Path = path;
            Expected = expected;
            Actual = actual;
            Offset = offset;
        }

        /// <summary>The kind of problem.</summary>
        public StructuredOutputErrorKind Kind { get; }

        /// <summary>The JSON path of the offending value, e.g. <c>$.genres[2]</c>; <see langword="null"/> when not known.</summary>
        public string? Path { get; internal set; }

        /// <summary>What the schema or the JSON grammar required at that point.</summary>
        public string Expected { get; }

        /// <summary>What arrived instead.</summary>
        public string Actual { get; }

        /// <summary>The character offset in the raw text where the problem was found, or -1.</summary>
        public long Offset { get; }

        /// <summary>The raw text received from the model, when known.</summary>
        public string? RawText { get; internal set; }

        /// <inheritdoc />
        public override string Message
        {
            get
            {
                var sb = new StringBuilder();
                sb.Append(Kind switch
                {
                    StructuredOutputErrorKind.InvalidJson => "Invalid JSON",
                    StructuredOutputErrorKind.Truncated => "Truncated JSON",
                    StructuredOutputErrorKind.WrongType => "Wrong JSON type",
                    StructuredOutputErrorKind.MissingMember => "Missing required member",
                    StructuredOutputErrorKind.InvalidEnumValue => "Invalid enum value",
                    StructuredOutputErrorKind.NumberOutOfRange => "Number out of range",
                    StructuredOutputErrorKind.InvalidFormat => "Invalid value format",
                    StructuredOutputErrorKind.DuplicateMember => "Duplicate member",
                    StructuredOutputErrorKind.ConstraintViolated => "Constraint not met",
                    _ => "Invalid structured output",
                });
                if (Path is not null) sb.Append(" at ").Append(Path);
                if (Offset >= 0) sb.Append(" (offset ").Append(Offset.ToString(CultureInfo.InvariantCulture)).Append(')');
                sb.Append(": expected ").Append(Expected).Append(" but got ").Append(Actual).Append('.');
                return sb.ToString();
            }
        }
    }
}
