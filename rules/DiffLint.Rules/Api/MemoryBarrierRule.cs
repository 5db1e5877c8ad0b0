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

    // A HashSet, not a FrozenSet: see ApiUseTable.
    private static readonly HashSet<string> BarrierNames = new(Names(), StringComparer.Ordinal);

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Barriers = BarrierNames.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The <c>__smp_*</c> forms of the smp_ barriers, which only the barrier headers should call.</summary>
    private static readonly string[] UnderscoredNames = Underscored();

    // A loop, not Where and Select: LINQ's generic iterators are JIT-compiled at every start.
    private static string[] Underscored()
    {
        var names = new List<string>();
        foreach (var barrier in BarrierNames)
        {
            if (barrier.StartsWith("smp_", StringComparison.Ordinal)) names.Add("__" + barrier);
        }

        return [.. names];
    }

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterCodeLineAction(AnalyzeBarriers, [.. BarrierNames]);
        registration.RegisterCodeLineAction(AnalyzeUnderscored, UnderscoredNames);
    }

    /// <summary>mb/rmb/wmb, and smp_/virt_ before them and before the other barrier stems.</summary>
    private static IEnumerable<string> Names()
    {
        string[] barriers = ["mb", "rmb", "wmb"];
        string[] stems = ["mb__before_atomic", "mb__after_atomic", "store_release", "load_acquire", "store_mb", .. barriers];
        return [.. barriers, .. stems.Select(s => "smp_" + s), .. stems.Select(s => "virt_" + s)];
    }

    /// <summary>The first barrier called on the line, reported unless a comment is near.</summary>
    private void AnalyzeBarriers(CodeLineContext line)
    {
        var first = FirstOnLine.IndexOf(IsBarrierCall, line.Fragment, line.Code);
        if (first >= 0 && !HasComment(line.Fragment, line.Line)) line.Report(Descriptor, line.Code[first], "memory barrier without comment");
    }

    /// <summary>The first <c>__smp_*</c> barrier called on the line, outside the barrier headers.</summary>
    private void AnalyzeUnderscored(CodeLineContext line)
    {
        if (IsBarrierHeader(line.Source.File.Path)) return;
        var first = FirstOnLine.IndexOf(IsUnderscoredCall, line.Fragment, line.Code);
        if (first >= 0) line.Report(Descriptor, line.Code[first], "__smp memory barriers shouldn't be used outside barrier.h and asm-generic");
    }

    private static bool IsBarrierHeader(string path) =>
        path.StartsWith("include/asm-generic/", StringComparison.Ordinal) || path.EndsWith("/barrier.h", StringComparison.Ordinal);

    private static bool IsBarrierCall(CFragment fragment, ReadOnlySpan<CToken> code, int name) =>
        IsCalled(fragment, code, name) && Barriers.Contains(fragment.TextOf(code[name]));

    /// <summary><c>__smp_mb(</c> and the like, not where <c>#define</c> defines it.</summary>
    private static bool IsUnderscoredCall(CFragment fragment, ReadOnlySpan<CToken> code, int name)
    {
        if (!IsCalled(fragment, code, name) || IsDefinition(fragment, code, name)) return false;
        var text = fragment.TextOf(code[name]);
        return text.StartsWith("__smp_") && Barriers.Contains(text[2..]);
    }

    /// <summary>An identifier followed by <c>(</c>, not a member (<c>ops-&gt;mb(...)</c>).</summary>
    private static bool IsCalled(CFragment fragment, ReadOnlySpan<CToken> code, int name) =>
        name + 1 < code.Length && code[name].Kind == CTokenKind.Identifier && code[name + 1].IsSymbol('(') &&
        !(name > 0 && (code[name - 1].IsSymbol('.') || fragment.Is(code[name - 1], "->")));

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

    /// <summary>True for <c>#define __smp_mb() ...</c>: the name right after the directive.</summary>
    private static bool IsDefinition(CFragment fragment, ReadOnlySpan<CToken> code, int name) =>
        name > 0 && code[name - 1].Kind == CTokenKind.Preprocessor && fragment.TextOf(code[name - 1]).EndsWith("define");
}
