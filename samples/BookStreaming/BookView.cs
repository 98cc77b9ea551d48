using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;
using StructGen.Streaming;
using StructGen.Streaming.Generated;
using static StructGen.Samples.LiveView;

namespace BookStreaming;

/// <summary>A <see cref="BookPartial"/> with each member's state: a table for the live view, text for the transcript.</summary>
internal static class BookView
{
    private static readonly (string Name, System.Func<BookPartial, string> Value, System.Func<BookPartial, FieldState> State)[] Rows =
    {
        ("title", b => Quote(b.Title), b => b.TitleState),
        ("author.name", b => Quote(b.Author?.Name), b => b.Author?.NameState ?? FieldState.Missing),
        ("author.nationality", b => Quote(b.Author?.Nationality), b => b.Author?.NationalityState ?? FieldState.Missing),
        ("genres", b => b.Genres is null ? "" : "[" + string.Join(", ", Genres(b)) + "]", b => b.GenresState),
        ("published_year", b => b.PublishedYear?.ToString() ?? "", b => b.PublishedYearState),
    };

    /// <summary>The live view: one row per member; the value column wraps, so any width works.</summary>
    public static IRenderable Table(BookPartial? book, string caption)
    {
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title(caption)
            .AddColumn(new TableColumn("").NoWrap())
            .AddColumn(new TableColumn("member").NoWrap())
            .AddColumn(new TableColumn("value"))
            .AddColumn(new TableColumn("state").NoWrap());
        foreach (var (name, value, state) in Rows)
        {
            FieldState s = book is null ? FieldState.Missing : state(book);
            var style = new Style(s switch { FieldState.Complete => Color.Green, FieldState.Streaming => Color.Yellow, _ => Color.Grey });
            table.AddRow(Plain(Mark(s), style), Plain(name), Plain(book is null ? "" : value(book)), Plain(s.ToString(), style));
        }

        return table;
    }

    /// <summary>The transcript: the same rows as plain text, one block per partial.</summary>
    public static string Transcript(BookPartial book, string caption)
    {
        var sb = new StringBuilder();
        sb.Append("── ").Append(caption).Append('\n');
        foreach (var (name, value, state) in Rows)
        {
            sb.Append($"  {Mark(state(book))} {name,-19} {value(book),-40} {state(book)}\n");
        }

        return sb.ToString();
    }

    private static string Mark(FieldState state) => state switch { FieldState.Complete => "✓", FieldState.Streaming => "…", _ => " " };

    private static string[] Genres(BookPartial book)
    {
        var items = new string[book.Genres!.Count];
        for (int i = 0; i < items.Length; i++) items[i] = Quote(book.Genres[i]) + (book.Genres.IsComplete(i) ? "" : "…");
        return items;
    }

    private static string Quote(string? value) => value is null ? "" : "\"" + value + "\"";
}
