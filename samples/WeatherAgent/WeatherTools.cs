using System.ComponentModel;
using StructGen;

namespace WeatherAgent;

/// <summary>The tool of the recorded session; the generator turns it into a definition and a dispatcher.</summary>
public partial class WeatherTools
{
    [Tool(Description = "Get weather information for a location")]
    public string Weather([Description("the city")] string location) => "40 C";
}
