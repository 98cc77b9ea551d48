// A stranger's console app that knows StructGen only from its NuGet packages (StructGen, StructGen.Cassettes).
// .ci/pack-check copies this file into a fresh `dotnet new console` project OUTSIDE the repository, adds
// the freshly packed packages from a local folder feed, builds and runs it. Nothing here is in StructGen.sln.
//
// The Book record is annotated with [StructuredOutput]; the generator shipped in the package's
// analyzers/dotnet/cs folder writes BookPartial, the schema and client.GenerateBookStreamAsync(...).
// The program replays the recorded o4-mini session (offline) and prints the final Book.
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Net.Http;
using PackageConsumer;
using StructGen;
using StructGen.Cassettes;
using StructGen.Chat;

var cassette = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "complex_object_streaming.yaml");
if (!File.Exists(cassette))
{
    Console.Error.WriteLine($"No cassette at {cassette}");
    return 2;
}

var options = new ChatCompletionsClientOptions { Model = "o4-mini", ApiKey = "test" };
options.Defaults.MaxCompletionTokens = 4000;
using var client = new ChatCompletionsClient(options, new HttpClient(new ReplayHandler(cassette)));

// The exact prompt of the recording: the replay handler matches the request body.
var prompt = "Generate information about 'The Lord of the Rings' book by J.R.R. Tolkien, including genres like fantasy and adventure, and its publication year (1954).";
var stream = client.GenerateBookStreamAsync(prompt);

int partials = 0;
BookPartial? last = null;
await foreach (BookPartial partial in stream)
{
    partials++;
    last = partial;
}

Book book = stream.Result.Value;
Console.WriteLine($"Partials: {partials} (last title state: {last?.TitleState})");
Console.WriteLine($"Title: {book.Title}");
Console.WriteLine($"Author: {book.Author.Name} ({book.Author.Nationality})");
Console.WriteLine($"Genres: {string.Join(", ", book.Genres)}");
Console.WriteLine($"Published year: {book.PublishedYear}");
Console.WriteLine($"Finish reason: {stream.Result.FinishReason}");
return 0;

namespace PackageConsumer
{
    [StructuredOutput(Description = "A book with title, author, genres, and publication year")]
    public partial record Book(
        [property: Description("The book title")] string Title,
        Author Author,
        [property: Description("List of genres")] IReadOnlyList<string> Genres,
        [property: Description("Year the book was published")] int PublishedYear);

    public partial record Author(
        [property: Description("Author's name")] string Name,
        [property: Description("Author's nationality")] string Nationality);
}
