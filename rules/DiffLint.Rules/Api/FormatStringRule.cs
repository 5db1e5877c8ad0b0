using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports printf conversions QEMU bans in C strings: the <c>#</c> flag and <c>%L</c> on integers.</summary>
[DiffLintRule]
public sealed class FormatStringRule : PatchRule
{
    public static readonly RuleDescriptor HashFlag = QemuApiDescriptor.Create("DL4006", "printf-hash-flag", "printf '#' flag",
        "Don't use '#' flag of printf format ('%#') in format strings, use '0x' prefix instead", "Q_PRINTF_HASH", """
            ## What it does
            Reports a conversion with the `#` flag (`%#x`, `%#llx`, `%#" PRIx64`) in a string literal on an added line.
            `%%#` is a literal percent sign followed by `#`, not a conversion, and is not reported.

            ## Why it matters
            `%#x` prints `0` for zero but `0x1f` otherwise, so columns of values do not line up and readers cannot
            tell hex from decimal at a glance; QEMU writes `0x%x`.

            ## Example
            ```diff
            +    printf("base addr=%#x\n", base);
            ```
            Write `"base addr=0x%x\n"`.

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor LongInteger = QemuApiDescriptor.Create("DL4007", "printf-capital-l", "printf %L on an integer",
        "%L{0} is not standard C, use %ll{0}", "Q_PRINTF_L", """
            ## What it does
            Reports `%Ld`, `%Lu` and `%Li` (with any flags, width or precision) in a string literal.

            ## Why it matters
            `L` is the `long double` length modifier; on integers it is a glibc extension that other C libraries
            print wrongly. Use `%lld`/`%llu` or the `PRId64` family.

            ## Example
            ```diff
            +    printf("%Lu sectors\n", n);
            ```

            ## Configuration
            QEMU profile only.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [HashFlag, LongInteger];

    public override void Initialize(RuleRegistration registration) => registration.RegisterTokenAction(Analyze, CTokenKind.String);

    private void Analyze(CTokenContext literal)
    {
        var text = literal.Text;
        if (literal.Token.InDirective && IsIncludeName(text)) return;
        var start = literal.Token.Start;
        for (var i = text.IndexOf('%'); i >= 0 && i + 1 < text.Length; i = Next(text, i))
        {
            if (text[i + 1] == '%')
            {
                i++;
                continue;
            }

            var j = i + 1;
            var hash = false;
            while (j < text.Length && text[j] is '-' or '+' or ' ' or '0' or '#' or '\'')
            {
                hash |= text[j] == '#';
                j++;
            }

            while (j < text.Length && (char.IsAsciiDigit(text[j]) || text[j] is '.' or '*')) j++;
            if (hash)
            {
                literal.Report(HashFlag, start + i, start + j, null);
                continue;
            }

            if (j + 1 < text.Length && text[j] == 'L' && text[j + 1] is 'd' or 'u' or 'i')
                literal.Report(LongInteger, start + i, start + j + 2, null, text[j + 1]);
        }
    }

    private static int Next(ReadOnlySpan<char> text, int at)
    {
        var next = text[(at + 1)..].IndexOf('%');
        return next < 0 ? -1 : at + 1 + next;
    }

    private static bool IsIncludeName(ReadOnlySpan<char> literal) => literal[0] == '<';
}
