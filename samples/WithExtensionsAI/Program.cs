// StructGen sample: typed partials over any Microsoft.Extensions.AI IChatClient.
//
//   dotnet run --project samples/WithExtensionsAI     offline: a tiny IChatClient replays the recorded Book session
using System;
using System.IO;
using Microsoft.Extensions.AI;
using StructGen.Extensions.AI;
using WithExtensionsAI;

IChatClient chat = new CassetteChatClient(Path.Combine(AppContext.BaseDirectory, "cassettes", "complex_object_streaming.yaml"));

// The generated schema becomes MEAI's response format; the generated deserializer reads the updates.
var format = Book.StructuredOutput.ToChatResponseFormat();
Console.WriteLine($"Response format: {format.SchemaName} ({Book.JsonSchema.Length} characters of strict schema)");

var stream = chat.GenerateStreamAsync(Book.StructuredOutput, "Tell me about The Lord of the Rings.");
await foreach (BookPartial partial in stream)
{
    Console.WriteLine($"  title: {partial.Title,-24} ({partial.TitleState,-9}) year: {partial.PublishedYear?.ToString() ?? "…"}");
}

var book = stream.Result.Value;
Console.WriteLine($"Final: {book.Title} by {book.Author.Name}, {book.PublishedYear}; genres: {string.Join(", ", book.Genres)}");
