using System.Collections.Generic;
using Spectre.Console;
using Spectre.Console.Rendering;
using static StructGen.Samples.LiveView;

namespace ElementStreaming;

/// <summary>The live view: one row per genre, in arrival order, beside the book as it stood when the genre closed.</summary>
internal static class GenresView
{
    public static IRenderable Table(IReadOnlyList<(string Genre, string Author, string Title)> genres)
    {
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title($"genres ({genres.Count} so far)")
            .AddColumn(new TableColumn("#").NoWrap().RightAligned())
            .AddColumn(new TableColumn("genre"))
            .AddColumn(new TableColumn("author then"))
            .AddColumn(new TableColumn("title then"));
        for (int i = 0; i < genres.Count; i++)
        {
            var (genre, author, title) = genres[i];
            table.AddRow(Plain((i + 1).ToString()), Plain(genre, new Style(Color.Green)), Plain(Quote(author)), Plain(Quote(title)));
        }

        if (genres.Count == 0) table.AddRow(Plain(""), Plain("waiting for the first genre…", new Style(Color.Grey)), Plain(""), Plain(""));
        return table;
    }

    private static string Quote(string value) => "\"" + value + "\"";
}
