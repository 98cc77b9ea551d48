// StructGen sample: a [StructuredOutput] record streamed as typed partials.
//
//   dotnet run --project samples/BookStreaming              offline: replays the recorded o4-mini session
//   OPENAI_API_KEY=… dotnet run --project samples/BookStreaming    the same code against a real endpoint
//   … -- --record cassettes/new.yaml                        calls the real endpoint and records a cassette
//   dotnet run --project samples/BookStreaming -- --provider anthropic
//                                                           replays the bundled Book recording of another protocol:
//                                                           openai (chat completions), responses, anthropic, gemini
//   dotnet run --project samples/BookStreaming -- --cassette path.yaml
//                                                           replays another recording of the Book request, in any of
//                                                           the four protocols (endpoint, model and token limit are read from it)
//
// Optional: OPENAI_BASE_URL (any OpenAI-compatible /v1 endpoint), OPENAI_MODEL (default o4-mini).
using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using BookStreaming;
using StructGen.Cassettes;
using StructGen.Chat;
using StructGen.Samples;

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
bool interactive = LiveView.IsTerminal;

HttpMessageHandler handler;
if (live)
{
    handler = new HttpClientHandler();
    if (recordPath is not null) handler = new RecordingHandler(handler);
}
else
{
    if (recordPath is not null)
    {
        Console.Error.WriteLine("--record needs OPENAI_API_KEY: recording calls the real endpoint.");
        return 2;
    }

    if (cassettePath is not null && !File.Exists(cassettePath))
    {
        Console.Error.WriteLine($"No cassette at {cassettePath}.");
        return 2;
    }

    cassettePath ??= Path.Combine(AppContext.BaseDirectory, "cassettes", bundled, "complex_object_streaming.yaml");
    handler = new ReplayHandler(cassettePath, new CassetteReplayOptions
    {
        // Replay at a human pace on a terminal; as fast as possible when output is redirected (CI).
        ReadDelay = interactive ? TimeSpan.FromMilliseconds(60) : TimeSpan.Zero,
        IgnoreHost = true,
    });
}

var options = new ChatCompletionsClientOptions
{
    ApiKey = apiKey,
    Model = Environment.GetEnvironmentVariable("OPENAI_MODEL") ?? "o4-mini",
};
if (Environment.GetEnvironmentVariable("OPENAI_BASE_URL") is { Length: > 0 } baseUrl && live)
{
    options.Endpoint = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
}

options.Defaults.MaxCompletionTokens = 4000;

// Offline, the client is the recording's own protocol, set up from its first request; the code below is the same for all.
using ModelClient client = live ? new ChatCompletionsClient(options, new HttpClient(handler)) : StructGen.Samples.RecordedClient.Create(cassettePath!, handler);

LiveView.WriteLine(live
    ? $"Calling {options.Endpoint} ({options.Model})…"
    : $"Replaying {Path.GetRelativePath(AppContext.BaseDirectory, cassettePath!)} (offline, {client.GetType().Name}, {client.Options.Model})…");
var prompt = "Generate information about 'The Lord of the Rings' book by J.R.R. Tolkien, including genres like fantasy and adventure, and its publication year (1954).";
var stream = client.GenerateBookStreamAsync(prompt);
int partials = 0;
async Task ShowEach(Action<BookPartial, string> show)
{
    await foreach (var partial in stream)
    {
        partials++;
        show(partial, $"partial #{partials}");
    }
}

try
{
    if (interactive)
    {
        // A live table redrawn in place; Spectre.Console wraps it to the terminal's width.
        await LiveView.RunAsync(BookView.Table(null, "waiting for the first partial…"), update => ShowEach((partial, caption) => update(BookView.Table(partial, caption))));
    }
    else
    {
        // Redirected (CI, a file, a pipe): every partial as plain text, the same on every run.
        await ShowEach((partial, caption) => Console.Write(BookView.Transcript(partial, caption)));
    }
}
catch (Exception ex) when (ex is StructGen.StructuredOutputException or ChatStreamException or ChatApiException or CassetteReplayException or NotSupportedException)
{
    Console.Error.WriteLine("Failed: " + ex.Message);
    return 1;
}

var result = stream.Result;
var book = result.Value;
Console.WriteLine();
Console.WriteLine($"Final Book ({partials} partials):");
Console.WriteLine($"  Title:          {book.Title}");
Console.WriteLine($"  Author:         {book.Author.Name} ({book.Author.Nationality})");
Console.WriteLine($"  Genres:         {string.Join(", ", book.Genres)}");
Console.WriteLine($"  Published year: {book.PublishedYear}");
Console.WriteLine($"Usage: {result.Usage?.PromptTokens} prompt + {result.Usage?.CompletionTokens} completion = {result.Usage?.TotalTokens} tokens; finish reason: {result.FinishReason}");

if (handler is RecordingHandler recorder && recordPath is not null)
{
    recorder.Save(recordPath);
    Console.WriteLine($"Recorded the session to {recordPath} (no credentials written).");
}

return 0;
