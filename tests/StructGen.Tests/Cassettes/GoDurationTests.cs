using System;
using StructGen.Cassettes;
using Xunit;

namespace StructGen.Tests.Cassettes
{
    public class GoDurationTests
    {
        [Theory]
        [InlineData(0L, "0s")]
        [InlineData(1L, "100ns")]
        [InlineData(15L, "1.5\u00B5s")]
        [InlineData(4_500_437L, "450.0437ms")]
        [InlineData(10_000_000L, "1s")]
        [InlineData(12_247_428L, "1.2247428s")]
        [InlineData(625_000_000L, "1m2.5s")]
        [InlineData(36_000_000_000L, "1h0m0s")]
        [InlineData(-15_000_000L, "-1.5s")]
        public void Format_matches_go(long ticks, string expected)
        {
            Assert.Equal(expected, GoDuration.Format(TimeSpan.FromTicks(ticks)));
        }

        [Theory]
        [InlineData("1.224742875s", 12_247_429L)]
        [InlineData("450.043792ms", 4_500_438L)]
        [InlineData("1h2m3.5s", 37_235_000_000L)]
        [InlineData("1.5us", 15L)]
        [InlineData("1.5\u03BCs", 15L)]
        [InlineData("-2m", -1_200_000_000L)]
        [InlineData("0", 0L)]
        public void Parse_reads_go_text(string text, long expectedTicks)
        {
            Assert.True(GoDuration.TryParse(text, out TimeSpan duration));
            Assert.Equal(expectedTicks, duration.Ticks);
        }

        [Theory]
        [InlineData("")]
        [InlineData("1")]
        [InlineData("s")]
        [InlineData("1.2.3s")]
        [InlineData("5 s")]
        [InlineData("1d")]
        public void Parse_rejects_non_durations(string text)
        {
            Assert.False(GoDuration.TryParse(text, out _));
        }
    }
}
