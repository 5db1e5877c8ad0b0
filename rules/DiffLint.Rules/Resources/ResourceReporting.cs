using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using Microsoft.CodeAnalysis.Text;

namespace DiffLint.Rules.Resources;

/// <summary>Turns a <see cref="ResourceFinding"/> into locations, a path and the words of a message, for the DL50xx rules.</summary>
internal static class ResourceReporting
{
    /// <summary>Reports every finding of <paramref name="problems"/> in the patch with <paramref name="describe"/>'s message arguments.</summary>
    public static void ReportAll(PatchAnalysisContext context, RuleDescriptor rule, ResourceProblem[] problems,
        Func<ResourceFinding, object?[]> describe)
    {
        foreach (var finding in context.GetValue(ResourceAnalysis.Facts).Findings)
        {
            if (Array.IndexOf(problems, finding.Problem) < 0) continue;
            context.ReportPath(rule, At(finding.View, finding.Token), Flow(finding), describe(finding));
        }
    }

    /// <summary>The location of token <paramref name="token"/>: its post-image line and columns, and its input line when the patch shows the line.</summary>
    public static DiagnosticLocation At(CodeView view, int token)
    {
        var t = view.Tokens[Math.Clamp(token, 0, view.Tokens.Length - 1)];
        var line = view.Lines[t.Line];
        var span = new LinePositionSpan(new LinePosition(line.NewLine - 1, t.Column), new LinePosition(line.NewLine - 1, t.Column + t.Text.Length));
        var inputLine = line.InputLine > 0 ? line.InputLine : view.File.HeaderInputLine;
        return new DiagnosticLocation(LocationKind.File, view.File.Path, span, inputLine, line.Text.ToString());
    }

    private static ImmutableArray<FlowStep> Flow(ResourceFinding finding)
    {
        if (finding.Problem == ResourceProblem.UnbalancedReference) return [];
        var view = finding.View;
        var steps = ImmutableArray.CreateBuilder<FlowStep>();
        if (finding.AcquireToken >= 0)
            steps.Add(new FlowStep(At(view, finding.AcquireToken), $"{Name(finding.Resource)} acquired by {view.Tokens[finding.AcquireToken].Text}()"));
        foreach (var token in finding.Path)
        {
            if (token < 0 || token >= view.Tokens.Length) continue;
            var keyword = view.Tokens[token].Text;
            var what = keyword switch
            {
                "if" => "branch taken",
                "goto" => "goto",
                "for" or "while" or "do" => "loop",
                "switch" => "switch",
                _ => "through " + keyword + "()",
            };
            steps.Add(new FlowStep(At(view, token), what));
        }

        if (finding.ReleaseToken >= 0 && finding.Problem != ResourceProblem.Leak)
            steps.Add(new FlowStep(At(finding.ReleaseView, finding.ReleaseToken), $"released by {finding.ReleaseView.Tokens[finding.ReleaseToken].Text}()"));
        steps.Add(new FlowStep(At(view, finding.Token), finding.Problem switch
        {
            ResourceProblem.Leak or ResourceProblem.HeldAtExit => "still held here",
            ResourceProblem.DoubleRelease => "released again",
            ResourceProblem.ReleaseAfterFailure => "released where the acquire failed",
            ResourceProblem.UseAfterRelease => "used after release",
            ResourceProblem.ReleaseWithoutAcquire => "released without being acquired",
            _ => "here",
        }));
        return steps.ToImmutable();
    }

    /// <summary>A resource's name as messages show it: <c>`buf`</c>, or the global state's acquire (<c>rcu_read_lock()</c>).</summary>
    public static string Name(string key) =>
        key.StartsWith('<') && key.EndsWith('>') ? key[(key.IndexOf(':') + 1)..^1] + "()" : "`" + key + "`";
}
