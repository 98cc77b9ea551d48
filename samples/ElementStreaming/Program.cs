// StructGen sample: render a list item by item as each element closes, validated.
//
//   dotnet run --project samples/ElementStreaming          offline: replays the recorded o4-mini Book session
//   OPENAI_API_KEY=… dotnet run --project samples/ElementStreaming
using System;
using System.IO;
using System.Net.Http;
using ElementStreaming;
using StructGen.Cassettes;
using StructGen.Chat;

var apiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
HttpMessageHandler handler = string.IsNullOrEmpty(apiKey)
    ? new ReplayHandler(Path.Combine(AppContext.BaseDirectory, "cassettes", "complex_object_streaming.yaml"),
        new CassetteReplayOptions { ReadDelay = Console.IsOutputRedirected ? TimeSpan.Zero : TimeSpan.FromMilliseconds(80), IgnoreHost = true })
    : new HttpClientHandler();

var options = new ChatCompletionsClientOptions { ApiKey = apiKey, Model = Environment.GetEnvironmentVariable("OPENAI_MODEL") ?? "o4-mini" };
if (Environment.GetEnvironmentVariable("OPENAI_BASE_URL") is { Length: > 0 } baseUrl && !string.IsNullOrEmpty(apiKey))
{
    options.Endpoint = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
}

options.Defaults.MaxCompletionTokens = 4000;
using var client = new ChatCompletionsClient(options, new HttpClient(handler));

var stream = client.GenerateBookStreamAsync(
    "Generate information about 'The Lord of the Rings' book by J.R.R. Tolkien, including genres like fantasy and adventure, and its publication year (1954).");

Console.WriteLine("Genres, each shown the moment its closing quote arrives:");
int index = 0;
await foreach (string genre in stream.GenresElementsAsync())
{
    Console.WriteLine($"  {++index}. {genre}    (the book so far: author \"{stream.Parser.Current?.Author?.Name}\", title \"{stream.Parser.Current?.Title}\")");
}

Console.WriteLine($"Then the whole book: {stream.Result.Value.Title} ({stream.Result.Value.PublishedYear}), {stream.Usage?.TotalTokens} tokens.");
