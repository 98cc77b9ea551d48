using System.Linq;
using System.Reflection;
using Xunit;

namespace StructGen.Integrations.Tests
{
    /// <summary>The satellites are built trim/AOT-analyzed (IsAotCompatible), which stamps them IsTrimmable.</summary>
    public class TrimMetadataTests
    {
        [Theory]
        [InlineData(typeof(StructGen.Extensions.AI.ToolSetFunction))]
        [InlineData(typeof(StructGen.OpenAI.OpenAIChatModelClient))]
        public void Satellite_assemblies_are_marked_trimmable(System.Type type)
        {
            var metadata = type.Assembly.GetCustomAttributes<AssemblyMetadataAttribute>();

            Assert.Contains(metadata, m => m.Key == "IsTrimmable" && m.Value == "True");
        }
    }
}
