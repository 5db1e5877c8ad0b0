using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Lock defined without a comment.</summary>
[DiffLintRule]
public sealed class UncommentedDefinitionRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3122",
        name: "uncommented-definition",
        title: "Lock defined without a comment",
        messageFormat: "{0} definition without comment",
        category: "Style",
        defaultSeverity: Severity.Note,
        checkpatchType: "UNCOMMENTED_DEFINITION",
        documentation: """
            ## What it does
            Reports an added line that starts with a `struct mutex` or `spinlock_t` definition (`spinlock_t lock;`) or with
            `DEFINE_MUTEX(` when no comment goes with it. As in checkpatch, a comment goes with it when the line ends in a
            `/* */` comment, when it or the line before or after has a `//` comment, or when a block comment ends on the
            line right above it (or is still open there), reading the hunk from its start.

            A CHECK-level rule: it runs under `--strict` and in files under `drivers/net/`, `net/` and
            `drivers/staging/`.

            ## Why it matters
            A lock is only as good as the knowledge of what it protects; the kernel asks for that to be written next to
            its definition.

            ## Example
            ```diff
            +	spinlock_t lock;
            ```

            ## Configuration
            Kernel, git and U-Boot profiles; strict (checkpatch `--strict`).
            """,
        profiles: ["kernel", "git", "uboot"],
        isStrict: true);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterIdentifierAction(Analyze, RegisteredNames.Of("DEFINE_MUTEX", "spinlock_t", "struct"));

    /// <summary>The word that starts a line: the definition's first word when the line is one.</summary>
    private void Analyze(CTokenContext word)
    {
        var fragment = word.Fragment;
        ref readonly var line = ref fragment.Lines.ItemRef(word.Line);
        if (line.FirstToken != word.Index || line.TokenCount < 2) return;
        var kind = DefinitionKind(fragment, line);
        if (kind is null || HasBlockCommentAbove(fragment.Hunk, line.HunkLine) || HasLineComment(fragment.Hunk, line.HunkLine)) return;
        word.Report(Descriptor, kind);
    }

    /// <summary><c>struct mutex</c>, <c>spinlock_t</c> or <c>DEFINE_MUTEX</c> when the line starts such a definition; otherwise null.</summary>
    private static string? DefinitionKind(CFragment fragment, in CLine line)
    {
        var tokens = fragment.Tokens;
        var first = line.FirstToken;
        var end = line.EndToken;
        if (fragment.Is(tokens[first], "DEFINE_MUTEX")) return tokens[first + 1].IsSymbol('(') ? "DEFINE_MUTEX" : null;
        int name;
        string kind;
        if (fragment.Is(tokens[first], "spinlock_t"))
        {
            name = first + 1;
            kind = "spinlock_t";
        }
        else if (fragment.Is(tokens[first], "struct") && fragment.Is(tokens[first + 1], "mutex"))
        {
            name = first + 2;
            kind = line.Text[tokens[first].Start..tokens[first + 1].End].ToString();
        }
        else
        {
            return null;
        }

        // checkpatch's '\s+\S+;': one blank-free word (pointer stars included) and the semicolon.
        if (name >= end || tokens[name].Start == tokens[name - 1].End) return null;
        var t = name;
        while (t < end && !tokens[t].IsSymbol(';'))
        {
            if (t > name && tokens[t].Start != tokens[t - 1].End) return null;
            t++;
        }

        return t < end && t > name && tokens[t].Start == tokens[t - 1].End ? kind : null;
    }

    /// <summary>checkpatch's look for a comment on hunk line <paramref name="at"/> itself and the lines next to it.</summary>
    private static bool HasLineComment(DiffLint.Core.Model.Hunk hunk, int at)
    {
        var lines = hunk.Lines;
        var text = lines[at].Span;
        if (text.Contains("//", StringComparison.Ordinal)) return true;
        if (at > 0 && lines[at - 1].Kind != DiffLint.Core.Model.DiffLineKind.Removed && lines[at - 1].Span.Contains("//", StringComparison.Ordinal)) return true;
        if (at + 1 < lines.Length && lines[at + 1].Kind != DiffLint.Core.Model.DiffLineKind.Removed
            && lines[at + 1].Span.Contains("//", StringComparison.Ordinal)) return true;
        var trimmed = text.TrimEnd(" \t\r");
        if (trimmed.EndsWith("\\")) trimmed = trimmed[..^1].TrimEnd(" \t");
        return trimmed.EndsWith("*/") && trimmed.Contains("/*", StringComparison.Ordinal);
    }

    /// <summary>
    /// Whether checkpatch's reading of the hunk from its start (removed lines included) leaves a block comment in hand
    /// at hunk line <paramref name="at"/>: one that ends on the line right above, or is still open.
    /// </summary>
    private static bool HasBlockCommentAbove(DiffLint.Core.Model.Hunk hunk, int at)
    {
        var lines = hunk.Lines;
        var inComment = lines.Length > 0 && lines[0].Span.TrimStart(" \t").StartsWith("*");
        var found = false;
        for (var l = 0; l < at; l++)
        {
            var span = lines[l].Span;
            if (span.Contains("/*", StringComparison.Ordinal)) inComment = true;
            found = inComment;
            if (span.Contains("*/", StringComparison.Ordinal)) inComment = false;
        }

        return found;
    }
}
