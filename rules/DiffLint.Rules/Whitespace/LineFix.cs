using DiffLint.Core.Analysis;
using DiffLint.Core.Model;
using Microsoft.CodeAnalysis.Text;

namespace DiffLint.Rules.Whitespace;

/// <summary>Builds the <see cref="CodeFix"/> that replaces characters [start, end) of an added line.</summary>
internal static class LineFix
{
    public static CodeFix Replace(in AddedLineContext context, string description, int start, int end, string replacement) =>
        Replace(context.File, context.Line, description, start, end, replacement);

    public static CodeFix Replace(FileDiff file, DiffLine diffLine, string description, int start, int end, string replacement)
    {
        var line = diffLine.NewLine - 1;
        return new CodeFix(description, file.Path,
            new LinePositionSpan(new LinePosition(line, start), new LinePosition(line, end)), replacement);
    }

    /// <summary>The indentation that reaches <paramref name="columns"/> with tabs first, then spaces.</summary>
    public static string TabIndentation(int columns, int tabWidth) =>
        new string('\t', columns / tabWidth) + new string(' ', columns % tabWidth);
}
