using System.Globalization;
using System.Text;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Reporting;

/// <summary>
/// <c>--format github</c>: GitHub Actions workflow commands, one per finding:
/// <c>::error file=PATH,line=L,col=C,endColumn=E,title=DL2001 Title::message</c> (<c>::warning</c> / <c>::notice</c>
/// for warnings and notes). Findings in a file use the post-image path (relative to the repository, which is what
/// GitHub annotates). Findings outside any file (commit message, mail, damaged diff, a missing sign-off) use the
/// input file as named and its line, without col/endColumn. Unreadable inputs are <c>::error</c> commands on the input.
/// Data is escaped as GitHub does (% CR LF); property values also escape : and ,. Other control characters are
/// written as visible escapes (<see cref="OutputText"/>).
/// </summary>
public sealed class GitHubActionsReporter : IReporter
{
    public IReportWriter Start(IReadOnlyList<RuleDescriptor> rules, IReadOnlyList<InputSource> inputs, TextWriter writer) =>
        new LineReportWriter(report =>
        {
            foreach (var d in report.Diagnostics)
            {
                var command = d.Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "notice" };
                var properties = Properties(ReportLocation.Of(report.Patch, d));
                properties.Add("title=" + EscapeProperty($"{d.Id} {d.Rule.Title}"));
                writer.Write($"::{command} {string.Join(',', properties)}::{EscapeData(d.Message)}\n");
            }
        }, result =>
        {
            foreach (var error in result.Errors)
            {
                var properties = Properties(new ReportLocation(error.Input, error.Line, error.Column));
                properties.Add("title=" + EscapeProperty("DiffLint unreadable input"));
                writer.Write($"::error {string.Join(',', properties)}::{EscapeData(error.Message)}\n");
            }
        });

    /// <summary><c>file</c>, then <c>line</c>, <c>col</c> and <c>endColumn</c> where known.</summary>
    private static List<string> Properties(ReportLocation location)
    {
        var properties = new List<string> { "file=" + EscapeProperty(location.File) };
        if (location.Line is { } line) properties.Add("line=" + line.ToString(CultureInfo.InvariantCulture));
        if (location.Column is { } column) properties.Add("col=" + column.ToString(CultureInfo.InvariantCulture));
        if (location.EndColumn is { } endColumn) properties.Add("endColumn=" + endColumn.ToString(CultureInfo.InvariantCulture));
        return properties;
    }

    /// <summary>Escapes a command's message (actions/toolkit <c>escapeData</c>).</summary>
    public static string EscapeData(string text) =>
        new StringBuilder(OutputText.Escape(text, keepLineBreaks: true)).Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A").ToString();

    /// <summary>Escapes a property value (actions/toolkit <c>escapeProperty</c>).</summary>
    public static string EscapeProperty(string text) =>
        new StringBuilder(EscapeData(text)).Replace(":", "%3A").Replace(",", "%2C").ToString();
}
