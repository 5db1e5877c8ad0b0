using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports <c>return EINVAL;</c>: an errno constant returned without its minus sign.</summary>
[DiffLintRule]
public sealed class PositiveErrnoRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3050",
        name: "positive-errno",
        title: "Positive errno returned",
        messageFormat: "Return of an errno should typically be negative (return -{0})",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "USE_NEGATIVE_ERRNO",
        qemuCheckpatchType: "Q_POSITIVE_ERRNO",
        documentation: """
            ## What it does
            Reports `return EXXX;` (also `return (EXXX);` and `return EXXX` before `:` or `,` in a macro) where
            `EXXX` is an all-capitals name starting with `E`, the shape of an errno constant. `EOF`, `ERROR` and the
            `EPOLL*` event bits are not errno values and are left alone.

            ## Why it matters
            The kernel and QEMU return errors as negative errno values; a positive one is taken for success (or a
            count) by callers that test `ret < 0`.

            ## Example
            ```diff
            +        return EINVAL;
            ```
            Write `return -EINVAL;`.

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, "return");

    private void Analyze(CTokenContext keyword)
    {
        var tokens = keyword.Fragment.Tokens.AsSpan();
        var t = keyword.Index;
        if (keyword.Token.Kind != CTokenKind.Keyword || t + 2 >= tokens.Length) return;
        var v = t + 1;
        while (v < tokens.Length && tokens[v].IsSymbol('(')) v++;
        if (v >= tokens.Length || tokens[v].Kind != CTokenKind.Identifier) return;
        var after = v + 1;
        while (after < tokens.Length && tokens[after].IsSymbol(')')) after++;
        if (after >= tokens.Length || !(tokens[after].IsSymbol(';') || tokens[after].IsSymbol(':') || tokens[after].IsSymbol(','))) return;
        var name = keyword.TextOf(tokens[v]);
        if (!LooksLikeErrno(name)) return;
        keyword.Source.Report(Descriptor, keyword.Fragment, tokens[v], name.ToString());
    }

    private static bool LooksLikeErrno(ReadOnlySpan<char> name)
    {
        if (name.Length < 2 || name[0] != 'E') return false;
        foreach (var c in name)
        {
            if (c is < 'A' or > 'Z') return false;
        }

        return !name.SequenceEqual("EOF") && !name.SequenceEqual("ERROR") && !name.StartsWith("EPOLL");
    }
}
