using System;
using StructGen.Chat;

namespace StructGen.Tests.Support
{
    /// <summary>Options of a third party's <see cref="ModelClient"/> in tests: an endpoint no handler is asked for, one model.</summary>
    internal sealed class ForeignClientOptions : ModelClientOptions
    {
        public ForeignClientOptions()
            : base(new Uri("foreign://local/"))
        {
            Model = "foreign-1";
        }
    }
}
