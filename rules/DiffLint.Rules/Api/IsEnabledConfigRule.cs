using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports <c>IS_ENABLED(FOO)</c> whose argument is not a <c>CONFIG_</c> symbol.</summary>
[DiffLintRule]
public sealed class IsEnabledConfigRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3187", "is-enabled-config", "IS_ENABLED() without CONFIG_",
        "IS_ENABLED({0}) is normally used as IS_ENABLED(CONFIG_{0})", "IS_ENABLED_CONFIG", """
            ## What it does
            Reports `IS_ENABLED(word)` in code or a directive when `word` does not start with `CONFIG_`. As in
            checkpatch only the first `IS_ENABLED(word)` of a line is judged. checkpatch also reads comments;
            DiffLint judges code only.

            ## Why it matters
            `IS_ENABLED()` tests a Kconfig symbol, which the C code sees with its `CONFIG_` prefix. Given any other
            word it quietly evaluates to 0: `IS_ENABLED(DEBUG_FS)` is always false, and the code it guards is dead.

            ## Example
            ```diff
            +	if (IS_ENABLED(PM_SLEEP))
            ```
            Write `IS_ENABLED(CONFIG_PM_SLEEP)`.

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, "IS_ENABLED");

    private void Analyze(CTokenContext name)
    {
        var fragment = name.Fragment;
        var code = name.Code;
        var t = name.CodeIndex;
        if (!IsTest(fragment, code, t) || !FirstOnLine.Is(IsTest, fragment, code, t)) return;
        var symbol = name.TextOf(code[t + 2]);
        if (!symbol.StartsWith("CONFIG_")) name.Report(Descriptor, symbol.ToString());
    }

    /// <summary><c>IS_ENABLED(word)</c> at <paramref name="t"/>, the word one identifier or number.</summary>
    private static bool IsTest(CFragment fragment, ReadOnlySpan<CToken> code, int t) =>
        t + 3 < code.Length && code[t].Kind == CTokenKind.Identifier && fragment.Is(code[t], "IS_ENABLED") && code[t + 1].IsSymbol('(')
        && code[t + 2].Kind is CTokenKind.Identifier or CTokenKind.Number && code[t + 3].IsSymbol(')');
}
