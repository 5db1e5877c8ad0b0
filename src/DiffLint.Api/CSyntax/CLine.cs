using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Core.CSyntax;

/// <summary>
/// One post-image (context or added) line of a <see cref="CFragment"/> with its tokens
/// (<see cref="CFragment.Tokens"/>[<see cref="FirstToken"/>..<see cref="FirstToken"/>+<see cref="TokenCount"/>]).
/// </summary>
public readonly record struct CLine(
    DiffLine Diff,
    int HunkLine,
    int FirstToken,
    int TokenCount,
    CLexState StartState,
    int BraceDepth,
    MoveKind Move,
    bool IsUncertain)
{
    /// <summary>1-based post-image line number.</summary>
    public int NewLine => Diff.NewLine;

    public ReadOnlySpan<char> Text => Diff.Text.Span;

    public bool IsAdded => Diff.Kind == DiffLineKind.Added;

    /// <summary>Added and not moved: the lines rules may report on (re-indented lines included).</summary>
    public bool IsJudged => Diff.Kind == DiffLineKind.Added && Move != MoveKind.Moved;

    /// <summary>Added and written by the patch: neither moved nor re-indented.</summary>
    public bool IsNew => Diff.Kind == DiffLineKind.Added && Move == MoveKind.New;

    /// <summary>Index of the token after this line's last token.</summary>
    public int EndToken => FirstToken + TokenCount;

    /// <summary>The line starts inside a comment, a continued literal or a macro body.</summary>
    public bool StartsInside(CLexState state) => (StartState & state) != 0;
}
