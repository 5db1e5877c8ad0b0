using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports the words "Qemu" and "QEmu" in added identifiers, comments and strings.</summary>
[DiffLintRule]
public sealed class QemuSpellingRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = QemuApiDescriptor.Create("DL4025", "qemu-spelling", "Qemu or QEmu instead of QEMU",
        "Use QEMU instead of {0}", "Q_QEMU_SPELLING", """
            ## What it does
            Reports the word `Qemu` or `QEmu` in a comment, a string or as a whole identifier on an added line of a
            C file. Only whole words count: `QemuOpts`, `QemuMutex` and the other type names are not reported, and
            neither are `QEMU` and `qemu`.

            ## Why it matters
            The project's name is spelled QEMU in prose, messages and documentation; consistent spelling also keeps
            searches for it working.

            ## Example
            ```diff
            +    /* Qemu always emulates the FPU */
            +    error_report("QEmu was built without KVM");
            ```

            ## Configuration
            QEMU profile only. Commit messages are not checked (neither does checkpatch).
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterIdentifierAction(name => name.Report(Descriptor, name.Text.ToString()), RegisteredNames.Of("Qemu", "QEmu"));
        registration.RegisterTokenAction(AnalyzeText, CTokenKind.Comment, CTokenKind.LineComment, CTokenKind.String);
    }

    /// <summary>Reports each whole word <c>Qemu</c> or <c>QEmu</c> of a comment or string.</summary>
    private void AnalyzeText(CTokenContext token)
    {
        var text = token.Text;
        var start = token.Token.Start;
        for (var at = text.IndexOf('Q'); at >= 0; at = NextQ(text, at))
        {
            if (at + 4 > text.Length || !IsMisspelling(text.Slice(at, 4))) continue;
            if ((at > 0 && IsWordChar(text[at - 1])) || (at + 4 < text.Length && IsWordChar(text[at + 4]))) continue;
            token.Report(Descriptor, start + at, start + at + 4, null, text.Slice(at, 4).ToString());
        }
    }

    private static int NextQ(ReadOnlySpan<char> text, int at)
    {
        var next = text[(at + 1)..].IndexOf('Q');
        return next < 0 ? -1 : at + 1 + next;
    }

    private static bool IsMisspelling(ReadOnlySpan<char> word) => word.SequenceEqual("Qemu") || word.SequenceEqual("QEmu");

    /// <summary>checkpatch's <c>\b</c>: letters, digits and '_' join a word.</summary>
    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
