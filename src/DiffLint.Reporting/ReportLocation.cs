using System.Globalization;
using DiffLint.Core.Analysis;

namespace DiffLint.Reporting;

/// <summary>
/// Where the line-oriented reporters (text, b4, GitHub Actions) say a finding is: the post-image path, line and
/// columns for a finding in a file; the input file as named and its line for the others (commit message, mail, damaged
/// diff, a missing sign-off), which have no place in the tree, with the column where the input's lines are not the
/// mail's (Patchwork JSON).
/// </summary>
public readonly record struct ReportLocation(string File, int? Line, int? Column = null, int? EndColumn = null)
{
    public static ReportLocation Of(PatchSummary patch, Diagnostic diagnostic)
    {
        var l = diagnostic.Location;
        return l.Kind == LocationKind.File && l.Path is not null
            ? new ReportLocation(l.Path, l.Line, l.Column, l.EndColumn)
            : new ReportLocation(patch.Source.DisplayName, l.InputLine, l.InputColumn > 0 ? l.InputColumn : null);
    }

    /// <summary>gcc style: <c>path:line:col</c>, <c>input:line</c>, or just the file when the line is unknown.</summary>
    public override string ToString() => (Line, Column) switch
    {
        ({ } line, { } column) => string.Create(CultureInfo.InvariantCulture, $"{File}:{line}:{column}"),
        ({ } line, null) => string.Create(CultureInfo.InvariantCulture, $"{File}:{line}"),
        _ => File,
    };
}
