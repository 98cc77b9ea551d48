// StructGen sample: a streaming agent loop over a generated [Tool].
//
//   dotnet run --project samples/WeatherAgent          offline: replays the recorded o4-mini tool session
//   OPENAI_API_KEY=… dotnet run --project samples/WeatherAgent
//   … -- --record cassettes/new.yaml                   records a new session (needs OPENAI_API_KEY)
//   … -- --cassette path.yaml                          replays another provider's recording of the weather loop
using System;
using System.IO;
using System.Net.Http;
using StructGen.Cassettes;
using StructGen.Chat;
using StructGen.Tools;
using WeatherAgent;

var apiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
var recordPath = args.Length >= 2 && args[0] == "--record" ? args[1] : null;
var cassettePath = args.Length >= 2 && args[0] == "--cassette" ? Path.GetFullPath(args[1]) : null;
bool live = !string.IsNullOrEmpty(apiKey);
if (!live && recordPath is not null)
{
    Console.Error.WriteLine("--record needs OPENAI_API_KEY: recording calls the real endpoint.");
    return 2;
}

if (cassettePath is not null && !File.Exists(cassettePath))
{
    Console.Error.WriteLine($"No cassette at {cassettePath}.");
    return 2;
}

HttpMessageHandler handler = live
    ? (recordPath is null ? new HttpClientHandler() : new RecordingHandler(new HttpClientHandler()))
    : new ReplayHandler(cassettePath ?? Path.Combine(AppContext.BaseDirectory, "cassettes", "tool_streaming.yaml"),
        new CassetteReplayOptions { IgnoreHost = true, ReadDelay = Console.IsOutputRedirected ? TimeSpan.Zero : TimeSpan.FromMilliseconds(40) });

var options = new ChatCompletionsClientOptions { ApiKey = apiKey, Model = Environment.GetEnvironmentVariable("OPENAI_MODEL") ?? "o4-mini" };
if (live && Environment.GetEnvironmentVariable("OPENAI_BASE_URL") is { Length: > 0 } baseUrl)
{
    options.Endpoint = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
}

options.Defaults.MaxCompletionTokens = 4000;
if (!live && cassettePath is not null) StructGen.Samples.RecordedSettings.Apply(cassettePath, options);

using var client = new ChatCompletionsClient(options, new HttpClient(handler));

var messages = new[]
{
    ModelMessage.System("You are a helpful assistant"),
    ModelMessage.User("What's the weather in Florence,Italy?"),
};
Console.WriteLine(live ? $"Calling {options.Endpoint} ({options.Model})…" : $"Replaying {cassettePath ?? "cassettes/openai-o4-mini/tool_streaming.yaml"} (offline, {options.Model})…");
Console.WriteLine("user: What's the weather in Florence,Italy?");

var run = client.RunAgentAsync(messages, new WeatherTools().AsToolSet());
try
{
    await foreach (var e in run)
    {
        switch (e.Kind)
        {
            case AgentEventKind.ToolCallStarted:
                Console.Write($"[step {e.Step}] calling {e.ToolName}(");
                break;
            case AgentEventKind.ToolCallArgumentsDelta:
                Console.Write(e.Text);
                break;
            case AgentEventKind.ToolCallCompleted:
                Console.WriteLine(")");
                break;
            case AgentEventKind.ToolResult:
                Console.WriteLine($"[step {e.Step}] {e.ToolName} returned {e.Result}{(e.IsError ? " (error)" : "")}");
                Console.Write("assistant: ");
                break;
            case AgentEventKind.TextDelta:
                Console.Write(e.Text);
                break;
        }
    }
}
catch (Exception ex) when (ex is ChatStreamException or ChatApiException or CassetteReplayException)
{
    Console.Error.WriteLine();
    Console.Error.WriteLine("Failed: " + ex.Message);
    return 1;
}

Console.WriteLine();
Console.WriteLine($"{run.Result.Steps} requests; usage {run.Result.Usage?.TotalTokens} tokens; finish reason {run.Result.FinishReason}.");
if (handler is RecordingHandler recorder && recordPath is not null)
{
    recorder.Save(recordPath);
    Console.WriteLine($"Recorded the session to {recordPath} (no credentials written).");
}

return 0;
