// StructGen sample: render a list item by item as each element closes, validated.
//
//   dotnet run --project samples/ElementStreaming          offline: replays the recorded o4-mini Book session
//   OPENAI_API_KEY=… dotnet run --project samples/ElementStreaming
using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using ElementStreaming;
using StructGen.Cassettes;
using StructGen.Chat;
using StructGen.Samples;

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
if (LiveView.IsTerminal)
{
    // A live table that gains a row per genre, with the book as it stood at that moment.
    var genres = new List<(string Genre, string Author, string Title)>();
    await LiveView.RunAsync(GenresView.Table(genres), async update =>
    {
        await foreach (string genre in stream.GenresElementsAsync())
        {
            genres.Add((genre, stream.Parser.Current?.Author?.Name ?? "", stream.Parser.Current?.Title ?? ""));
            update(GenresView.Table(genres));
        }
    });
}
else
{
    // Redirected (CI, a file, a pipe): a plain transcript, the same on every run.
    int index = 0;
    await foreach (string genre in stream.GenresElementsAsync())
    {
        Console.WriteLine($"  {++index}. {genre}    (the book so far: author \"{stream.Parser.Current?.Author?.Name}\", title \"{stream.Parser.Current?.Title}\")");
    }
}

Console.WriteLine($"Then the whole book: {stream.Result.Value.Title} ({stream.Result.Value.PublishedYear}), {stream.Usage?.TotalTokens} tokens.");
