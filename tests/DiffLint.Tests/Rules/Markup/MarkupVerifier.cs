using System.Collections.Immutable;
using System.Text;
using DiffLint.Core.Analysis;
using DiffLint.Core.Profiles;
using Xunit.Sdk;

namespace DiffLint.Tests.Rules.Markup;

/// <summary>
/// Checks a case's findings against its markup, as Microsoft.CodeAnalysis.Testing's verifiers do: every marked span
/// must be reported (that ID, that line, that start and that length), and no finding of the case's rule, or of an ID
/// the markup names, may be reported unmarked. A failure lists what was expected and not reported, and what was
/// reported and not expected, each with its input line and carets under the span, then the lines that differ as the
/// markup that would pass, to compare with the case or paste into it.
/// </summary>
public static class MarkupVerifier
{
    /// <summary>
    /// Runs every rule on <paramref name="markup"/> (a patch or mbox with marks, or a snippet that <see cref="PatchSnippet"/>
    /// renders when <paramref name="isSnippet"/>) and checks the findings of <paramref name="ruleId"/> and of the IDs the
    /// marks name. Rule tests call it with a raw string literal, so a case is the C it is about.
    /// </summary>
    public static void Verify(string ruleId, string markup, bool isSnippet = true, Profile? profile = null, RuleConfiguration? configuration = null)
    {
        var (text, spans) = TestMarkup.Parse(isSnippet ? PatchSnippet.Render(markup) : markup);
        var root = Directory.CreateTempSubdirectory("difflint-markup-").FullName;
        try
        {
            var path = Path.Combine(root, "case.patch");
            File.WriteAllText(path, text);
            var result = TestRunner.RunFiles(profile, configuration, path);
            Assert.Empty(result.Errors);
            Check(ruleId, "case", text, spans, [.. result.Reports.SelectMany(r => r.Diagnostics)]);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Compares <paramref name="diagnostics"/> with the <paramref name="spans"/> marked in <paramref name="text"/>.</summary>
    public static void Check(string ruleId, string caseName, string text, ImmutableArray<MarkedSpan> spans, IReadOnlyList<Diagnostic> diagnostics)
    {
        var expected = spans.Select(s => new Finding(s.RuleId ?? ruleId, s.Line, s.Column, s.Length, null)).ToList();
        var ids = expected.Select(e => e.RuleId).Append(ruleId).ToHashSet(StringComparer.Ordinal);
        var actual = diagnostics.Where(d => ids.Contains(d.Id)).Select(Finding.Of).ToList();

        // A multiset difference: a finding reported twice at one place needs two marks.
        var missing = new List<Finding>();
        var unmatched = new List<Finding>(actual);
        foreach (var finding in expected)
        {
            var match = unmatched.FindIndex(a => a.SamePlace(finding));
            if (match >= 0) unmatched.RemoveAt(match);
            else missing.Add(finding);
        }

        if (missing.Count == 0 && unmatched.Count == 0) return;
        throw new XunitException(Describe(ruleId, caseName, text, expected, actual, missing, unmatched));
    }

    private static string Describe(string ruleId, string caseName, string text, List<Finding> expected, List<Finding> actual, List<Finding> missing,
        List<Finding> unexpected)
    {
        var lines = text.Split('\n');
        var message = new StringBuilder();
        message.Append($"{caseName}: the findings do not match the markup: expected {expected.Count}, reported {actual.Count}");
        message.Append($" ({missing.Count} expected and not reported, {unexpected.Count} reported and not expected)\n");
        if (missing.Count > 0)
        {
            message.Append("\nExpected and not reported:\n");
            foreach (var finding in missing.OrderBy(f => f.Line).ThenBy(f => f.Column)) AppendFinding(message, lines, finding);
        }

        if (unexpected.Count > 0)
        {
            message.Append("\nReported and not expected:\n");
            foreach (var finding in unexpected.OrderBy(f => f.Line).ThenBy(f => f.Column)) AppendFinding(message, lines, finding);
        }

        // The lines where the markup and the findings differ, marked as the findings are: what the case would need.
        message.Append("\nThe lines that differ, marked with what was reported:\n");
        foreach (var line in missing.Concat(unexpected).Select(f => f.Line).Distinct().Order())
        {
            var onLine = actual.Where(a => a.Line == line).Select(a => (a.RuleId, a.Column, a.Length));
            message.Append($"{line,5}: ").Append(TestMarkup.Mark(LineAt(lines, line), onLine, ruleId)).Append('\n');
        }

        return message.ToString();
    }

    private static void AppendFinding(StringBuilder message, string[] lines, Finding finding)
    {
        message.Append("  ").Append(finding.Describe()).Append('\n');
        if (finding.Line < 1 || finding.Line > lines.Length) return;
        var line = LineAt(lines, finding.Line);
        message.Append($"{finding.Line,5}: ").Append(line).Append('\n');
        // Tabs are kept under the carets so they line up with the line above whatever the tab width.
        var pad = new StringBuilder();
        for (var i = 0; i < Math.Min(finding.Column, line.Length); i++) pad.Append(line[i] == '\t' ? '\t' : ' ');
        message.Append("       ").Append(pad).Append('^', Math.Max(finding.Length, 1)).Append('\n');
    }

    private static string LineAt(string[] lines, int line) => line >= 1 && line <= lines.Length ? lines[line - 1].TrimEnd('\r') : "";

    /// <summary>A finding at input line <see cref="Line"/>, from raw character <see cref="Column"/> for <see cref="Length"/>.</summary>
    private sealed record Finding(string RuleId, int Line, int Column, int Length, Diagnostic? Diagnostic)
    {
        /// <summary>Where a reported finding is in the input: a file line's span starts after its diff prefix.</summary>
        public static Finding Of(Diagnostic diagnostic)
        {
            var location = diagnostic.Location;
            var prefix = location.Kind == LocationKind.File ? 1 : 0;
            var start = location.Span.Start.Character;
            return new Finding(diagnostic.Id, location.InputLine, start + prefix, location.Span.End.Character - start, diagnostic);
        }

        public bool SamePlace(Finding other) =>
            RuleId == other.RuleId && Line == other.Line && Column == other.Column && Length == other.Length;

        public string Describe()
        {
            var place = $"input line {Line}, column {Column + 1}, length {Length}";
            if (Diagnostic is not { } d) return $"{RuleId} at {place}";
            return $"{RuleVerifierTests.Format(d)} at {place}";
        }
    }
}
