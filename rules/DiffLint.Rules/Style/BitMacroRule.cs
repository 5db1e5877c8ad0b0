using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Shifted one where BIT() would do.</summary>
[DiffLintRule]
public sealed class BitMacroRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3117",
        name: "bit-macro",
        title: "Shifted one where BIT() would do",
        messageFormat: "Prefer using the BIT{0} macro",
        category: "Style",
        defaultSeverity: Severity.Note,
        checkpatchType: "BIT_MACRO",
        documentation: """
            ## What it does
            Reports an added `#define NAME 1 << n` or `#define NAME (1UL << n)` (a plain name, not a function-like macro;
            `n` a number or a name): the kernel spells a single bit `BIT(n)`, or `BIT_ULL(n)` when the one is `1ULL`.
            Headers under `include/uapi/` are left alone (`BIT()` is not exported to user space).

            A CHECK-level rule: it runs under `--strict` and in files under `drivers/net/`, `net/` and
            `drivers/staging/`.

            ## Why it matters
            `BIT(n)` says what the value is and has the right type (`unsigned long`); `1 << 31` is a signed overflow.

            ## Example
            ```diff
            +#define ACME_CTRL_EN	(1 << 3)
            ```

            ## Configuration
            Kernel, git and U-Boot profiles; strict (checkpatch `--strict`).
            """,
        profiles: ["kernel", "git", "uboot"],
        isStrict: true);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterMacroAction(Analyze);

    /// <summary>An object-like macro on an added line whose value is <c>(1 &lt;&lt; n)</c> or <c>1UL &lt;&lt; n</c>.</summary>
    private void Analyze(MacroContext context)
    {
        var macro = context.Macro;
        var fragment = context.Fragment;
        var tokens = fragment.Tokens;
        if (macro.Directive < 0 || macro.NameToken < 0 || macro.IsFunctionLike || macro.BodyFirst < 0) return;
        if (!fragment.Lines[tokens[macro.Directive].Line].IsJudged || context.Source.File.Path.StartsWith("include/uapi/", StringComparison.Ordinal)) return;
        var name = tokens[macro.NameToken];
        var t = macro.BodyFirst;
        if (tokens[t].Line != name.Line || tokens[t].Start == name.End) return;
        if (tokens[t].IsSymbol('(')) t++;
        if (t + 2 > macro.BodyLast || tokens[t].Kind != CTokenKind.Number) return;
        var one = fragment.TextOf(tokens[t]);
        if (one[0] != '1' || one[1..].ContainsAnyExcept("ulUL")) return;
        if (!fragment.Is(tokens[t + 1], "<<")) return;
        var shift = tokens[t + 2];
        if (!(shift.Kind is CTokenKind.Identifier or CTokenKind.Keyword || (shift.Kind == CTokenKind.Number && char.IsAsciiDigit(shift.First)))) return;
        var wide = one.Contains("ll", StringComparison.OrdinalIgnoreCase);
        context.Report(Descriptor, tokens[macro.Directive], wide ? "_ULL" : "");
    }
}
