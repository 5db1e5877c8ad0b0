using System.Text;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Reporting;

/// <summary>
/// Human output: one block per patch headed by its n/N and subject, then gcc-style
/// <c>path:line:col: severity: message [ID]</c> lines, each with the offending line and a caret under the span.
/// File findings use the post-image path and line; message and input findings use the input file and its line.
/// </summary>
public sealed class TextReporter(bool color, bool quiet) : IReporter
{
    private readonly bool _quiet = quiet;

    private const int TabWidth = 8;

    public IReportWriter Start(IReadOnlyList<RuleDescriptor> rules, IReadOnlyList<InputSource> inputs, TextWriter writer) =>
        new Writer(this, inputs.Count > 1, writer);

    /// <summary>One text report: each patch's block as it comes, the errors and the summary line at the end.</summary>
    private sealed class Writer(TextReporter reporter, bool multipleInputs, TextWriter writer) : IReportWriter
    {
        private int _errors, _warnings, _notes, _clean;

        public void Write(PatchReport report)
        {
            var patch = report.Patch;
            var (errors, warnings, notes) = ReportCounts.Count(report.Diagnostics);
            _errors += errors;
            _warnings += warnings;
            _notes += notes;
            if (patch.IsAnalysed && report.Diagnostics.IsEmpty) _clean++;
            if (!patch.IsAnalysed && report.Diagnostics.IsEmpty) return;
            if (report.Diagnostics.IsEmpty)
            {
                if (!reporter._quiet) writer.WriteLine(reporter.Paint($"{Heading(patch, multipleInputs)}: no findings", Dim));
                return;
            }

            writer.WriteLine(reporter.Paint(Heading(patch, multipleInputs), Bold));
            foreach (var diagnostic in report.Diagnostics) reporter.WriteDiagnostic(writer, patch, diagnostic);
        }

        public void End(RunResult result)
        {
            foreach (var error in result.Errors)
            {
                writer.WriteLine($"{OutputText.Escape(error.ToString())}: {reporter.Paint("error", Red)}: unreadable input");
            }

            if (!reporter._quiet) writer.WriteLine(Summary(result, _errors, _warnings, _notes, _clean));
        }
    }

    private static string Heading(PatchSummary patch, bool withInput)
    {
        var position = patch.Subject.Position is { } p ? $"[{p}] " : "";
        var title = patch.Subject.Summary.Length > 0 ? patch.Subject.Summary : "(no subject)";
        if (patch.Kind == MessageKind.PlainDiff) title = "(diff)";
        var origin = withInput || patch.MessageIndex > 0 ? $"  ({patch.Source.DisplayName}:{patch.FirstInputLine})" : "";
        return OutputText.Escape(position + title + origin);
    }

    /// <summary>
    /// Writes one finding: its location, severity, message and ID, and for a finding on a line the line and a caret under
    /// the span. Written piece by piece rather than as interpolated lines: an archive's report is tens of thousands of
    /// findings, and each line's string (with the padding and caret strings of the caret line) was garbage at once.
    /// </summary>
    private void WriteDiagnostic(TextWriter writer, PatchSummary patch, Diagnostic diagnostic)
    {
        var location = diagnostic.Location;
        var where = OutputText.Escape(ReportLocation.Of(patch, diagnostic).ToString());
        var severity = diagnostic.Severity.ToName();
        var severityColor = diagnostic.Severity switch { Severity.Error => Red, Severity.Warning => Magenta, _ => Cyan };
        // Paint allocates only with colour on (a terminal), never for an archive's report file.
        writer.Write(Paint(where, Bold));
        writer.Write(": ");
        writer.Write(Paint(severity, severityColor));
        writer.Write(": ");
        writer.Write(OutputText.Escape(diagnostic.Message));
        writer.Write(" [");
        writer.Write(diagnostic.Id);
        writer.WriteLine(']');

        if (location.Kind == LocationKind.File && location.LineText is { } text)
        {
            Span<char> number = stackalloc char[11];
            location.Line.TryFormat(number, out var digits, default, System.Globalization.CultureInfo.InvariantCulture);
            var (shown, caretStart, caretLength) = Render(text, location.Span.Start.Character, location.Span.End.Character);
            writer.Write(' ');
            writer.Write(number[..digits]);
            writer.Write(" | +");
            writer.WriteLine(shown);
            WriteCaretLine(writer, digits + 2, " |  ", caretStart, caretLength);
        }
        else if (location.CommitMessageLine > 0 && location.LineText is { } messageText)
        {
            // The input (Patchwork JSON) holds the message as one string: name the line of the message and show it.
            var label = $"commit message line {location.CommitMessageLine.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            var (shown, caretStart, caretLength) = Render(messageText, location.Span.Start.Character, location.Span.End.Character, markSpaces: false);
            writer.WriteLine($" {label} | {shown}");
            WriteCaretLine(writer, label.Length + 2, " | ", caretStart, caretLength);
        }
    }

    /// <summary>
    /// The line under a shown line: <paramref name="indent"/> spaces (one, and the width of the line's label, and one),
    /// <paramref name="separator"/>, then the caret at <paramref name="caretStart"/> and a tilde under each further
    /// character.
    /// </summary>
    private void WriteCaretLine(TextWriter writer, int indent, string separator, int caretStart, int caretLength)
    {
        WriteRepeated(writer, ' ', indent - 1);
        writer.Write(separator);
        WriteRepeated(writer, ' ', caretStart);
        if (color) writer.Write(Green);
        writer.Write('^');
        WriteRepeated(writer, '~', caretLength - 1);
        if (color) writer.Write(Reset);
        writer.WriteLine();
    }

    private static readonly string Spaces = new(' ', 64);
    private static readonly string Tildes = new('~', 64);

    private static void WriteRepeated(TextWriter writer, char c, int count)
    {
        var run = c == ' ' ? Spaces : Tildes;
        for (; count > 0; count -= run.Length) writer.Write(run.AsSpan(0, Math.Min(count, run.Length)));
    }

    /// <summary>Lines longer than this are shown in part, from <see cref="ShownBefore"/> characters before the finding.</summary>
    private const int LongLine = 400;

    private const int ShownBefore = 80;

    /// <summary>
    /// Expands tabs and makes control characters visible (and, with <paramref name="markSpaces"/>, the spaces under the
    /// caret, for whitespace findings), returning where the caret goes in the rendered text.
    /// </summary>
    internal static (string Text, int CaretStart, int CaretLength) Render(string line, int start, int end, bool markSpaces = true)
    {
        if (line.Length > LongLine)
        {
            // A long line is shown around the finding only: a rule that reports every operator of a megabyte line would
            // otherwise repeat the megabyte under each finding, and the report would grow with the square of the line.
            var from = Math.Clamp(start - ShownBefore, 0, line.Length - LongLine);
            var to = from + LongLine;
            var (part, partCaret, partCaretLength) = Render(line[from..to], start - from, Math.Clamp(end, start, to) - from, markSpaces);
            var before = from > 0 ? "…" : "";
            return (before + part + (to < line.Length ? "…" : ""), partCaret + before.Length, partCaretLength);
        }

        var builder = new StringBuilder(line.Length + 16);
        int caretStart = 0, caretEnd = 0;
        for (var i = 0; i <= line.Length; i++)
        {
            if (i == start) caretStart = builder.Length;
            if (i == end) caretEnd = builder.Length;
            if (i == line.Length) break;
            var c = line[i];
            if (c == '\t')
            {
                // Trailing tabs render as a visible arrow so the caret has something to point at.
                var width = TabWidth - builder.Length % TabWidth;
                builder.Append(i >= start && i < end ? '→' : ' ').Append(' ', width - 1);
            }
            else if (c == '\r') builder.Append("\\r");
            else if (char.IsControl(c)) builder.Append('?');
            else if (c == ' ' && markSpaces && i >= start && i < end) builder.Append('·');
            else builder.Append(c);
        }

        return (builder.ToString(), caretStart, Math.Max(1, caretEnd - caretStart));
    }

    private static string Summary(RunResult result, int errors, int warnings, int notes, int clean)
    {
        var s = result.Statistics;
        var summary = $"{Plural(s.Patches, "patch", "patches")} checked ({clean} clean): {Plural(errors, "error")}, {Plural(warnings, "warning")}, {Plural(notes, "note")}";
        if (s.CoverLetters > 0) summary += $"; {Plural(s.CoverLetters, "cover letter")}";
        if (s.SkippedMails > 0) summary += $"; {s.SkippedMails} mail{(s.SkippedMails == 1 ? "" : "s")} skipped ({s.Replies} repl{(s.Replies == 1 ? "y" : "ies")}, {s.OtherMails} other)";
        if (!result.Errors.IsEmpty) summary += $"; {Plural(result.Errors.Length, "unreadable input")}";
        return summary;
    }

    private static string Plural(int n, string one, string? many = null) => $"{n} {(n == 1 ? one : many ?? one + "s")}";

    private const string Bold = "\e[1m";
    private const string Dim = "\e[2m";
    private const string Red = "\e[1;31m";
    private const string Magenta = "\e[1;35m";
    private const string Cyan = "\e[1;36m";
    private const string Green = "\e[1;32m";

    private const string Reset = "\e[0m";

    private string Paint(string text, string code) => color ? code + text + Reset : text;
}
