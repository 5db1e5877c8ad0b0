using System.Collections.Frozen;
using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports a memory barrier without a comment next to it, and <c>__smp_*</c> barriers outside the barrier headers.</summary>
[DiffLintRule]
public sealed class MemoryBarrierRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3083", "memory-barrier-comment", "Memory barrier without a comment",
        "{0}", "MEMORY_BARRIER", """
            ## What it does
            Reports a call to a memory barrier (`mb()`, `rmb()`, `wmb()`, their `smp_` and `virt_` forms,
            `smp_mb__before_atomic()`, `smp_mb__after_atomic()`, `smp_store_release()`, `smp_load_acquire()`,
            `smp_store_mb()`) with no comment where checkpatch looks for one: a `//` comment on the line, the line
            before or the line after, a `/* */` comment ending the line, or a comment on the line just before.

            ## Why it matters
            A barrier orders accesses against some other access on another CPU or a device; which one, and where its
            pairing barrier is, is invisible in the code. Without the comment no reviewer can tell whether the
            barrier is needed, sufficient, or paired (Documentation/memory-barriers.txt).

            ## Example
            ```diff
            +	writel(val, priv->base + CTRL);
            +	wmb();
            ```
            Say what the barrier orders: `/* descriptor writes must land before the doorbell */`.

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Barriers = BarrierNames()
        .ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCSourceAction(Analyze);

    /// <summary>mb/rmb/wmb, and smp_/virt_ before them and before the other barrier stems.</summary>
    private static IEnumerable<string> BarrierNames()
    {
        string[] barriers = ["mb", "rmb", "wmb"];
        string[] stems = ["mb__before_atomic", "mb__after_atomic", "store_release", "load_acquire", "store_mb", .. barriers];
        return [.. barriers, .. stems.Select(s => "smp_" + s), .. stems.Select(s => "virt_" + s)];
    }

    private static void Analyze(CSourceContext context)
    {
        var path = context.File.Path;
        var barrierHeader = path.StartsWith("include/asm-generic/", StringComparison.Ordinal) || path.EndsWith("/barrier.h", StringComparison.Ordinal);
        foreach (var fragment in context.Fragments)
        {
            for (var line = 0; line < fragment.Lines.Length; line++)
            {
                if (!fragment.Lines[line].IsJudged) continue;
                var code = LineCode.Of(fragment, line);
                bool uncommented = false, underscore = false;
                for (var t = 0; t + 1 < code.Length; t++)
                {
                    if (code[t].Kind != CTokenKind.Identifier || !code[t + 1].IsSymbol('(') || IsMember(fragment, code, t)) continue;
                    var name = fragment.TextOf(code[t]);
                    if (!uncommented && Barriers.Contains(name))
                    {
                        uncommented = true;
                        if (!HasComment(fragment, line)) context.Report(Descriptor, fragment, code[t], "memory barrier without comment");
                    }
                    else if (!underscore && !barrierHeader && name.StartsWith("__smp_") && Barriers.Contains(name[2..]) && !IsDefinition(fragment, code, t))
                    {
                        underscore = true;
                        context.Report(Descriptor, fragment, code[t], "__smp memory barriers shouldn't be used outside barrier.h and asm-generic");
                    }
                }
            }
        }
    }

    /// <summary>
    /// checkpatch's comment search: a <c>//</c> comment on the line or either neighbour, a <c>/* */</c> comment
    /// ending the line, or a comment on the line before (a block comment ending there, or one still open).
    /// </summary>
    private static bool HasComment(CFragment fragment, int line)
    {
        if (HasLineComment(fragment, line) || (line > 0 && HasLineComment(fragment, line - 1)) ||
            (line + 1 < fragment.Lines.Length && HasLineComment(fragment, line + 1))) return true;
        var tokens = fragment.TokensOf(line);
        var last = tokens.Length - 1;
        while (last >= 0 && tokens[last].Kind == CTokenKind.Continuation) last--;
        if (last >= 0 && tokens[last].Kind == CTokenKind.Comment &&
            (tokens[last].Flags & (CTokenFlags.ContinuedFromPreviousLine | CTokenFlags.ContinuesOnNextLine)) == 0) return true;
        if (line == 0) return false;
        foreach (ref readonly var token in fragment.TokensOf(line - 1))
        {
            if (token.Kind == CTokenKind.Comment) return true;
        }

        return fragment.Lines[line - 1].TokenCount == 0 && fragment.Lines[line - 1].StartsInside(CLexState.BlockComment);
    }

    private static bool HasLineComment(CFragment fragment, int line)
    {
        foreach (ref readonly var token in fragment.TokensOf(line))
        {
            if (token.Kind == CTokenKind.LineComment) return true;
        }

        return false;
    }

    /// <summary>True for <c>ops-&gt;mb(...)</c>: a member, not the barrier.</summary>
    private static bool IsMember(CFragment fragment, ReadOnlySpan<CToken> code, int name) =>
        name > 0 && (code[name - 1].IsSymbol('.') || fragment.Is(code[name - 1], "->"));

    /// <summary>True for <c>#define __smp_mb() ...</c>: the name right after the directive.</summary>
    private static bool IsDefinition(CFragment fragment, ReadOnlySpan<CToken> code, int name) =>
        name > 0 && code[name - 1].Kind == CTokenKind.Preprocessor && fragment.TextOf(code[name - 1]).EndsWith("define");
}
