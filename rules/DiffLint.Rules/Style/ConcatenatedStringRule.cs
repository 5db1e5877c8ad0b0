using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>String literal written against the next element.</summary>
[DiffLintRule]
public sealed class ConcatenatedStringRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3116",
        name: "concatenated-string",
        title: "String literal written against the next element",
        messageFormat: "Concatenated strings should use spaces between elements",
        category: "Style",
        defaultSeverity: Severity.Note,
        checkpatchType: "CONCATENATED_STRING",
        documentation: """
            ## What it does
            Reports an added line where a string literal touches, without a blank, a name or number before it
            (`PRIu64"\n"`) or a name starting with an upper-case letter or `_` after it (`"%"PRIu64`, `"x"__stringify(y)`),
            as checkpatch reads string concatenation. Wide and Unicode prefixes (`L"x"`, `u"x"`) are part of the literal.
            One finding per line.

            A CHECK-level rule: it runs under `--strict` and in files under `drivers/net/`, `net/` and
            `drivers/staging/`.

            ## Why it matters
            Adjacent literals are concatenated by the compiler; a blank between the pieces shows where one ends and the
            macro that supplies the next begins.

            ## Example
            ```diff
            +	pr_info("read %"PRIu64" bytes\n", n);
            ```

            ## Configuration
            Kernel, git and U-Boot profiles; strict (checkpatch `--strict`).
            """,
        profiles: ["kernel", "git", "uboot"],
        isStrict: true);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterTokenAction(Analyze, CTokenKind.String);

    /// <summary>Reported once per line, at the first literal that touches a name.</summary>
    private void Analyze(CTokenContext context)
    {
        var fragment = context.Fragment;
        ref readonly var line = ref fragment.Lines.ItemRef(context.Line);
        if (!IsConcatenated(fragment, context.Index, line.FirstToken, line.EndToken)) return;
        for (var earlier = context.Index - 1; earlier >= line.FirstToken; earlier--)
        {
            if (fragment.Tokens[earlier].Kind == CTokenKind.String && IsConcatenated(fragment, earlier, line.FirstToken, line.EndToken)) return;
        }

        context.Report(Descriptor);
    }

    /// <summary>A word or number ends right before the literal, or a name starting with A-Z or _ right after it.</summary>
    private static bool IsConcatenated(CFragment fragment, int index, int lineStart, int lineEnd)
    {
        var tokens = fragment.Tokens;
        var literal = tokens[index];
        if (literal.First != '"' && !fragment.TextOf(literal).StartsWith("L\"") && !fragment.TextOf(literal).StartsWith("u\"")) return false;
        if (index > lineStart)
        {
            var before = tokens[index - 1];
            if (before.End == literal.Start && before.Kind is CTokenKind.Identifier or CTokenKind.Keyword or CTokenKind.Number) return true;
        }

        if (index + 1 >= lineEnd) return false;
        var after = tokens[index + 1];
        return after.Start == literal.End && after.Kind is CTokenKind.Identifier or CTokenKind.Keyword
            && (char.IsAsciiLetterUpper(after.First) || after.First == '_');
    }
}
