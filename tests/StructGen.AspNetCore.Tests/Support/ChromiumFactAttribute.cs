using System;
using System.IO;
using Xunit;

namespace StructGen.AspNetCore.Tests.Support
{
    /// <summary>A fact that needs a real Chromium; skipped, saying why, only when none is installed.</summary>
    public sealed class ChromiumFactAttribute : FactAttribute
    {
        public ChromiumFactAttribute()
        {
            if (!File.Exists(Chromium.Path))
            {
                Skip = $"No Chromium at {Chromium.Path}: install Debian's package (apt-get install -y chromium; .ci/run does) or set STRUCTGEN_CHROMIUM to a Chromium binary.";
            }
        }
    }

    public static class Chromium
    {
        public static string Path => Environment.GetEnvironmentVariable("STRUCTGEN_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
    }
}
