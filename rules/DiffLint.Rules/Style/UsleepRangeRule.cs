using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>udelay() of 10 microseconds or more.</summary>
[DiffLintRule]
public sealed class UsleepRangeRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3121",
        name: "usleep-range",
        title: "udelay() of 10 microseconds or more",
        messageFormat: "usleep_range is preferred over udelay; see Documentation/timers/timers-howto.rst",
        category: "Style",
        defaultSeverity: Severity.Note,
        checkpatchType: "USLEEP_RANGE",
        documentation: """
            ## What it does
            Reports `udelay(n)` with a literal `n` of 10 or more on an added line: a busy wait long enough to sleep
            instead. As in checkpatch only the first `udelay(n)` of a line is looked at, and a delay given as an
            expression or with a suffix (`udelay(10UL)`) is not judged.

            A CHECK-level rule: it runs under `--strict` and in files under `drivers/net/`, `net/` and
            `drivers/staging/`.

            ## Why it matters
            `udelay()` spins the CPU; for waits of tens of microseconds or more `usleep_range()` lets it do other work
            and lets the timer subsystem coalesce wake-ups (Documentation/timers/timers-howto.rst).

            ## Example
            ```diff
            +	udelay(100);
            ```

            ## Configuration
            Kernel, git and U-Boot profiles; strict (checkpatch `--strict`).
            """,
        profiles: ["kernel", "git", "uboot"],
        isStrict: true);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, "udelay");

    private void Analyze(CTokenContext name)
    {
        var fragment = name.Fragment;
        if (!IsLiteralDelay(fragment, name.Index) || !FirstOnLine.Is(fragment, name.Index, IsLiteralDelay)) return;
        if (fragment.TextOf(fragment.Tokens[name.Index + 2]).TrimStart('0').Length >= 2) name.Report(Descriptor);
    }

    /// <summary><c>udelay(n)</c> at <paramref name="t"/>, all on one line, with n written in decimal digits only.</summary>
    internal static bool IsLiteralDelay(CFragment fragment, int t)
    {
        var tokens = fragment.Tokens;
        if (t + 3 >= fragment.Lines.ItemRef(tokens[t].Line).EndToken) return false;
        if (tokens[t].Kind != CTokenKind.Identifier || !fragment.Is(tokens[t], "udelay") || !tokens[t + 1].IsSymbol('(')) return false;
        var value = tokens[t + 2];
        return value.Kind == CTokenKind.Number && tokens[t + 3].IsSymbol(')') && !fragment.TextOf(value).ContainsAnyExcept(AsciiDigits.Decimal);
    }
}
