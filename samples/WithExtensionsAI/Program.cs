// StructGen sample: typed partials over any Microsoft.Extensions.AI IChatClient.
//
//   dotnet run --project samples/WithExtensionsAI     offline: a tiny IChatClient replays the recorded Book session
using System;
using System.IO;
using Microsoft.Extensions.AI;
using Spectre.Console;
using StructGen.Extensions.AI;
using StructGen.Samples;
using WithExtensionsAI;

IChatClient chat = new CassetteChatClient(Path.Combine(AppContext.BaseDirectory, "cassettes", "complex_object_streaming.yaml"));

// The generated schema becomes MEAI's response format; the generated deserializer reads the updates.
var format = Book.StructuredOutput.ToChatResponseFormat();
Console.WriteLine($"Response format: {format.SchemaName} ({Book.JsonSchema.Length} characters of strict schema)");

var stream = chat.GenerateStreamAsync(Book.StructuredOutput, "Tell me about The Lord of the Rings.");
if (LiveView.IsTerminal)
{
    // One live row, redrawn in place by Spectre.Console as the partials arrive.
    int partials = 0;
    await LiveView.RunAsync(Progress(null, 0), async update =>
    {
        await foreach (BookPartial partial in stream) update(Progress(partial, ++partials));
    });
}
else
{
    // Redirected (CI, a file, a pipe): one plain line per partial, the same on every run.
    await foreach (BookPartial partial in stream)
    {
        Console.WriteLine($"  title: {partial.Title,-24} ({partial.TitleState,-9}) year: {partial.PublishedYear?.ToString() ?? "…"}");
    }
}

var book = stream.Result.Value;
Console.WriteLine($"Final: {book.Title} by {book.Author.Name}, {book.PublishedYear}; genres: {string.Join(", ", book.Genres)}");

static Table Progress(BookPartial? partial, int count) =>
    new Table()
        .Border(TableBorder.Rounded)
        .Title($"partial #{count}")
        .AddColumn("title")
        .AddColumn(new TableColumn("state").NoWrap())
        .AddColumn(new TableColumn("year").NoWrap())
        .AddRow(
            LiveView.Plain(partial?.Title),
            LiveView.Plain((partial?.TitleState ?? StructGen.Streaming.FieldState.Missing).ToString()),
            LiveView.Plain(partial?.PublishedYear?.ToString() ?? "…"));
