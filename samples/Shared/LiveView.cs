using System;
using System.Threading.Tasks;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace StructGen.Samples
{
    /// <summary>
    /// Where a sample's output goes: on a terminal, a Spectre.Console live view that is redrawn in place
    /// (Spectre wraps each line to the terminal's width itself, so a long value never breaks the redraw);
    /// when output is redirected, a plain transcript that the sample writes line by line. Linked into
    /// every sample.
    /// </summary>
    internal static class LiveView
    {
        /// <summary>True on a terminal: show a live view. False when output is redirected: print a transcript.</summary>
        public static bool IsTerminal => !Console.IsOutputRedirected;

        /// <summary>
        /// Shows <paramref name="initial"/>, then runs <paramref name="body"/>, which replaces the view with
        /// each new renderable it passes to its argument. The last view stays on screen.
        /// </summary>
        public static Task RunAsync(IRenderable initial, Func<Action<IRenderable>, Task> body) =>
            AnsiConsole.Live(initial)
                .AutoClear(false)
                // A view taller than the terminal keeps its newest lines.
                .Overflow(VerticalOverflow.Ellipsis)
                .Cropping(VerticalOverflowCropping.Top)
                .StartAsync(context =>
                {
                    // Spectre draws a live view when its target changes: show the initial one now.
                    context.UpdateTarget(initial);
                    context.Refresh();
                    return body(view =>
                    {
                        context.UpdateTarget(view);
                        context.Refresh();
                    });
                });

        /// <summary>A line of text: on a terminal wrapped at word boundaries by Spectre.Console, else as is.</summary>
        public static void WriteLine(string line)
        {
            if (IsTerminal)
            {
                AnsiConsole.Write(new Text(line + "\n"));
            }
            else
            {
                Console.WriteLine(line);
            }
        }

        /// <summary>Plain text (never parsed as Spectre markup: model output may contain '[' and ']').</summary>
        public static Text Plain(string? text, Style? style = null) => new(text ?? string.Empty, style ?? Style.Plain);
    }
}
