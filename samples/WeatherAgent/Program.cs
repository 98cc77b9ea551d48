// StructGen sample: a streaming agent loop over a generated [Tool].
//
//   dotnet run --project samples/WeatherAgent          offline: replays the recorded o4-mini tool session
//   OPENAI_API_KEY=… dotnet run --project samples/WeatherAgent
//   … -- --record cassettes/new.yaml                   records a new session (needs OPENAI_API_KEY)
//   … -- --provider anthropic                          replays the bundled weather loop of another protocol:
//                                                      openai (chat completions), responses, anthropic, gemini
//   … -- --cassette path.yaml                          replays another recording of the weather loop (any of the four protocols)
using System;
using System.IO;
using System.Net.Http;
using StructGen.Cassettes;
using StructGen.Chat;
using StructGen.Samples;
using StructGen.Tools;
using WeatherAgent;

var apiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
var recordPath = args.Length >= 2 && args[0] == "--record" ? args[1] : null;
var cassettePath = args.Length >= 2 && args[0] == "--cassette" ? Path.GetFullPath(args[1]) : null;
var provider = args.Length >= 2 && args[0] == "--provider" ? args[1] : "openai";
var bundled = provider switch
{
    "openai" => "openai-o4-mini",
    "responses" => "openai-responses-o4-mini",
    "anthropic" => "anthropic-claude-sonnet-4",
    "gemini" => "google-gemini-2.5-flash",
    _ => null,
};
if (bundled is null)
{
    Console.Error.WriteLine($"Unknown --provider '{provider}': use openai, responses, anthropic or gemini.");
    return 2;
}
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

if (!live) cassettePath ??= Path.Combine(AppContext.BaseDirectory, "cassettes", bundled, "tool_streaming.yaml");
HttpMessageHandler handler = live
    ? (recordPath is null ? new HttpClientHandler() : new RecordingHandler(new HttpClientHandler()))
    : new ReplayHandler(cassettePath!,
        new CassetteReplayOptions { IgnoreHost = true, ReadDelay = Console.IsOutputRedirected ? TimeSpan.Zero : TimeSpan.FromMilliseconds(40) });

var options = new ChatCompletionsClientOptions { ApiKey = apiKey, Model = Environment.GetEnvironmentVariable("OPENAI_MODEL") ?? "o4-mini" };
if (live && Environment.GetEnvironmentVariable("OPENAI_BASE_URL") is { Length: > 0 } baseUrl)
{
    options.Endpoint = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
}

options.Defaults.MaxCompletionTokens = 4000;

// Offline, the client is the recording's own protocol, set up from its first request; the loop below is the same for all.
using ModelClient client = live ? new ChatCompletionsClient(options, new HttpClient(handler)) : StructGen.Samples.RecordedClient.Create(cassettePath!, handler);

var messages = new[]
{
    ModelMessage.System("You are a helpful assistant"),
    ModelMessage.User("What's the weather in Florence,Italy?"),
};
LiveView.WriteLine(live
    ? $"Calling {options.Endpoint} ({options.Model})…"
    : $"Replaying {Path.GetRelativePath(AppContext.BaseDirectory, cassettePath!)} (offline, {client.GetType().Name}, {client.Options.Model})…");
LiveView.WriteLine("user: What's the weather in Florence,Italy?");

var run = client.RunAgentAsync(messages, new WeatherTools().AsToolSet());
try
{
    if (LiveView.IsTerminal)
    {
        // A live table of the tool calls and the answer, redrawn in place by Spectre.Console.
        var view = new AgentView();
        await LiveView.RunAsync(view.Render(), async update =>
        {
            await foreach (var e in run)
            {
                view.Apply(e);
                update(view.Render());
            }
        });
    }
    else
    {
        // Redirected (CI, a file, a pipe): a plain transcript, the same on every run.
        bool wroteText = false;
        await foreach (var e in run)
        {
            switch (e.Kind)
            {
                case AgentEventKind.ToolCallStarted:
                    if (wroteText) Console.WriteLine();
                    wroteText = false;
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
                    wroteText = true;
                    break;
                case AgentEventKind.TextDelta:
                    if (!wroteText && e.Step == 1) Console.Write("assistant: ");
                    wroteText = true;
                    Console.Write(e.Text);
                    break;
            }
        }
    }
}
catch (Exception ex) when (ex is ChatStreamException or ChatApiException or CassetteReplayException or NotSupportedException)
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
