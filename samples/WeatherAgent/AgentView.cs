using System.Collections.Generic;
using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;
using StructGen.Tools;
using static StructGen.Samples.LiveView;

namespace WeatherAgent;

/// <summary>The live view of the agent loop: a table of tool calls (arguments as they stream, then results) and the answer.</summary>
internal sealed class AgentView
{
    private sealed class Call(int step, string name)
    {
        public int Step { get; } = step;
        public string Name { get; } = name;
        public StringBuilder Arguments { get; } = new();
        public bool ArgumentsComplete { get; set; }
        public string? Result { get; set; }
        public bool IsError { get; set; }
    }

    private readonly List<Call> _calls = new();
    private readonly StringBuilder _answer = new();
    private int _step = 1;
    private int _answerStep;

    public void Apply(AgentEvent e)
    {
        _step = e.Step;
        switch (e.Kind)
        {
            case AgentEventKind.ToolCallStarted:
                _calls.Add(new Call(e.Step, e.ToolName ?? "?"));
                break;
            case AgentEventKind.ToolCallArgumentsDelta:
                Last(e)?.Arguments.Append(e.Text);
                break;
            case AgentEventKind.ToolCallCompleted:
                if (Last(e) is { } completed) completed.ArgumentsComplete = true;
                break;
            case AgentEventKind.ToolResult:
                if (_calls.FindLast(c => c.Step == e.Step && c.Name == e.ToolName && c.Result is null) is { } call)
                {
                    call.Result = e.Result;
                    call.IsError = e.IsError;
                }

                break;
            case AgentEventKind.TextDelta:
                // Text of a later step (after a tool call) starts on its own line.
                if (_answer.Length > 0 && e.Step != _answerStep) _answer.Append('\n');
                _answerStep = e.Step;
                _answer.Append(e.Text);
                break;
        }
    }

    public IRenderable Render()
    {
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title($"tool calls (step {_step})")
            .AddColumn(new TableColumn("step").NoWrap())
            .AddColumn(new TableColumn("call"))
            .AddColumn(new TableColumn("result"));
        foreach (Call call in _calls)
        {
            string arguments = call.Arguments + (call.ArgumentsComplete ? ")" : "…");
            string result = call.Result ?? (call.ArgumentsComplete ? "running…" : "");
            var resultStyle = new Style(call.Result is null ? Color.Grey : call.IsError ? Color.Red : Color.Green);
            table.AddRow(Plain(call.Step.ToString()), Plain(call.Name + "(" + arguments), Plain(result + (call.IsError ? " (error)" : ""), resultStyle));
        }

        if (_calls.Count == 0) table.AddRow(Plain(""), Plain("no tool call yet", new Style(Color.Grey)), Plain(""));
        return new Rows(table, new Text("assistant: " + _answer));
    }

    private Call? Last(AgentEvent e) => _calls.FindLast(c => c.Step == e.Step);
}
