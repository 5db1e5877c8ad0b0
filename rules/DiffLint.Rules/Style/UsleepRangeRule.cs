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

    public override void Initialize(RuleRegistration registration) => registration.RegisterCSourceAction(Analyze);


    private static void Analyze(CSourceContext context)
    {
        foreach (var fragment in context.Fragments)
        {
            var tokens = fragment.Tokens;
            foreach (var line in fragment.Lines)
            {
                if (!line.IsJudged) continue;
                for (var t = line.FirstToken; t + 3 < line.EndToken; t++)
                {
                    if (tokens[t].Kind != CTokenKind.Identifier || !fragment.Is(tokens[t], "udelay") || !tokens[t + 1].IsSymbol('(')) continue;
                    var value = tokens[t + 2];
                    if (value.Kind != CTokenKind.Number || !tokens[t + 3].IsSymbol(')')) continue;
                    var digits = fragment.TextOf(value);
                    if (digits.ContainsAnyExceptInRange('0', '9')) continue;
                    if (digits.TrimStart('0').Length >= 2) context.Report(Descriptor, fragment, tokens[t]);
                    break;
                }
            }
        }
    }
}
