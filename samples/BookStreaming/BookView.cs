using System;
using System.Text;
using StructGen.Streaming;
using StructGen.Streaming.Generated;

namespace BookStreaming;

/// <summary>Renders a <see cref="BookPartial"/> with each member's state, redrawing in place on a terminal.</summary>
internal sealed class BookView
{
    private readonly bool _redraw;
    private int _lines;

    public BookView(bool redraw) => _redraw = redraw;

    public void Show(BookPartial book, string caption)
    {
        var text = Render(book, caption);
        if (_redraw && _lines > 0) Console.Write($"\u001b[{_lines}A\u001b[J");
        Console.Write(text);
        _lines = text.Split('\n').Length - 1;
    }

    private static string Render(BookPartial book, string caption)
    {
        var sb = new StringBuilder();
        sb.Append("── ").Append(caption).Append('\n');
        Line(sb, "title", Quote(book.Title), book.TitleState);
        Line(sb, "author.name", Quote(book.Author?.Name), book.Author?.NameState ?? FieldState.Missing);
        Line(sb, "author.nationality", Quote(book.Author?.Nationality), book.Author?.NationalityState ?? FieldState.Missing);
        var genres = book.Genres is null ? "" : "[" + string.Join(", ", Genres(book)) + "]";
        Line(sb, "genres", genres, book.GenresState);
        Line(sb, "published_year", book.PublishedYear?.ToString() ?? "", book.PublishedYearState);
        return sb.ToString();
    }

    private static string[] Genres(BookPartial book)
    {
        var items = new string[book.Genres!.Count];
        for (int i = 0; i < items.Length; i++) items[i] = Quote(book.Genres[i]) + (book.Genres.IsComplete(i) ? "" : "…");
        return items;
    }

    private static void Line(StringBuilder sb, string name, string value, FieldState state)
    {
        string mark = state switch { FieldState.Complete => "✓", FieldState.Streaming => "…", _ => " " };
        sb.Append($"  {mark} {name,-19} {value,-40} {state}\n");
    }

    private static string Quote(string? value) => value is null ? "" : "\"" + value + "\"";
}
