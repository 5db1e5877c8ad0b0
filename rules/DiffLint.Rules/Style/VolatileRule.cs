using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>
/// Reports <c>volatile</c> outside <c>asm volatile</c>: always in kernel-style projects, and in QEMU unless a comment
/// on the line or right above it says why.
/// </summary>
[DiffLintRule]
public sealed class VolatileRule : PatchRule
{
    public static readonly RuleDescriptor Kernel = new(
        id: "DL3048",
        name: "volatile",
        title: "Use of volatile",
        messageFormat: "Use of volatile is usually wrong: see Documentation/process/volatile-considered-harmful.rst",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "VOLATILE",
        profiles: ["kernel", "uboot"],
        documentation: """
            ## What it does
            Reports the `volatile` qualifier on an added line, except in `asm volatile` / `__asm__ __volatile__`.

            ## Why it matters
            `volatile` neither orders accesses between CPUs nor makes them atomic; kernel code uses `READ_ONCE()`,
            `WRITE_ONCE()`, the I/O accessors and barriers instead (Documentation/process/volatile-considered-harmful.rst).

            ## Example
            ```diff
            +static volatile int done;
            ```

            ## Configuration
            Kernel and U-Boot profiles; QEMU accepts a commented `volatile` (DL3049).
            """);

    public static readonly RuleDescriptor Qemu = new(
        id: "DL3049",
        name: "volatile-needs-comment",
        title: "Use of volatile without a comment",
        messageFormat: "Use of volatile is usually wrong, please add a comment",
        category: "Style",
        defaultSeverity: Severity.Error,
        qemuCheckpatchType: "Q_VOLATILE_NEEDS_COMMENT",
        profiles: ["qemu"],
        documentation: """
            ## What it does
            Reports `volatile` (not `asm volatile`, not on a line using `sig_atomic_t`) unless a comment is on the
            same line or ends on the line right above.

            ## Why it matters
            `volatile` is rarely the right tool for concurrency (QEMU has `qatomic_*()` and barriers); when it is
            (signal handlers, `setjmp`), the reason belongs in a comment.

            ## Example
            ```diff
            +static volatile int done;
            ```
            Add a comment that explains why `volatile` is needed, or use `qatomic_read()`/`qatomic_set()`.

            ## Configuration
            QEMU profile only.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Kernel, Qemu];

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, "volatile");

    private void Analyze(CTokenContext keyword)
    {
        if (keyword.Token.Kind != CTokenKind.Keyword) return;
        var fragment = keyword.Fragment;
        var t = keyword.Index;
        if (t > 0 && IsAsm(fragment.TextOf(fragment.Tokens[t - 1]))) return;
        var needsComment = Qemu.AppliesTo(keyword.Source.Profile);
        if (needsComment && (Mentions(fragment, keyword.Line, "sig_atomic_t") || IsCommented(fragment, keyword.Line))) return;
        keyword.Report(needsComment ? Qemu : Kernel);
    }

    private static bool IsAsm(ReadOnlySpan<char> word) => word.SequenceEqual("asm") || word.SequenceEqual("__asm__") || word.SequenceEqual("__asm");

    private static bool Mentions(CFragment fragment, int line, string identifier)
    {
        foreach (ref readonly var token in fragment.TokensOf(line))
        {
            if (token.Kind == CTokenKind.Identifier && fragment.Is(token, identifier)) return true;
        }

        return false;
    }

    /// <summary>A comment on the line, or one that ends the line above (checkpatch's ctx_has_comment, roughly).</summary>
    private static bool IsCommented(CFragment fragment, int line)
    {
        foreach (ref readonly var token in fragment.TokensOf(line))
        {
            if (token.IsComment) return true;
        }

        if (line == 0) return false;
        var above = fragment.TokensOf(line - 1);
        return above.Length > 0 && above[^1].IsComment;
    }
}
