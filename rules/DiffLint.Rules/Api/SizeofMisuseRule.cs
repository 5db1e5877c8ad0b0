using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports an open-coded <c>sizeof(a) / sizeof(a[0])</c> and <c>sizeof(&amp;x)</c>.</summary>
[DiffLintRule]
public sealed class SizeofMisuseRule : PatchRule
{
    public static readonly RuleDescriptor ArraySize = KernelApiDescriptor.Create("DL3078", "array-size", "Open-coded ARRAY_SIZE",
        "Prefer ARRAY_SIZE({0})", "ARRAY_SIZE", """
            ## What it does
            Reports `sizeof(a) / sizeof(a[0])` on one line, `a` a name with optional members and subscripts
            (`s->table`, `cfg.rates[1]`).

            ## Why it matters
            `ARRAY_SIZE()` says what is meant, and the kernel's version fails to compile when given a pointer, where
            the division silently computes a wrong count.

            ## Example
            ```diff
            +	for (i = 0; i < sizeof(rates) / sizeof(rates[0]); i++)
            ```
            Write `i < ARRAY_SIZE(rates)`.

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public static readonly RuleDescriptor SizeofAddress = KernelApiDescriptor.Create("DL3092", "sizeof-address", "sizeof of an address",
        "sizeof(& should be avoided", "SIZEOF_ADDRESS", """
            ## What it does
            Reports `sizeof(&...)`.

            ## Why it matters
            The size of an address is the size of a pointer, whatever it points to: `memset(&s, 0, sizeof(&s))`
            clears 8 bytes, not the structure. The operand was almost always meant without the `&`.

            ## Example
            ```diff
            +	memcpy(&dst, &src, sizeof(&src));
            ```

            ## Configuration
            Kernel and U-Boot profiles; under the QEMU profile DL4047 reports the same as QEMU's script does (an error).
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [ArraySize, SizeofAddress];

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, "sizeof");

    private void Analyze(CTokenContext keyword)
    {
        var fragment = keyword.Fragment;
        var code = keyword.Code;
        var t = keyword.CodeIndex;
        if (IsSizeofAddress(fragment, code, t) && FirstOnLine.Is(IsSizeofAddress, fragment, code, t)) keyword.Report(SizeofAddress);
        if (TryArrayCount(fragment, code, t, out var array) && FirstOnLine.Is(IsArrayCount, fragment, code, t)) keyword.Report(ArraySize, array);
    }

    /// <summary><c>sizeof(&amp;</c> at <paramref name="t"/>.</summary>
    private static bool IsSizeofAddress(CFragment fragment, ReadOnlySpan<CToken> code, int t) =>
        IsSizeofCall(fragment, code, t) && code[t + 2].IsSymbol('&');

    private static bool IsArrayCount(CFragment fragment, ReadOnlySpan<CToken> code, int t) => TryArrayCount(fragment, code, t, out _);

    /// <summary><c>sizeof(</c> at <paramref name="t"/>, something after the parenthesis.</summary>
    private static bool IsSizeofCall(CFragment fragment, ReadOnlySpan<CToken> code, int t) =>
        t + 2 < code.Length && code[t].Kind == CTokenKind.Keyword && fragment.Is(code[t], "sizeof") && code[t + 1].IsSymbol('(');

    /// <summary><c>sizeof(X) / sizeof(X[0])</c> at <paramref name="t"/>, X an lvalue; <paramref name="array"/> is X's text.</summary>
    private static bool TryArrayCount(CFragment fragment, ReadOnlySpan<CToken> code, int t, out string array)
    {
        array = "";
        if (!IsSizeofCall(fragment, code, t)) return false;
        var first = t + 2;
        var end = LineCode.LvalueEnd(fragment, code, first);
        if (end < 0 || end >= code.Length || !code[end].IsSymbol(')')) return false;
        var length = end - first;
        var second = end + 4;
        if (second + length + 4 >= code.Length || !code[end + 1].IsSymbol('/') || !fragment.Is(code[end + 2], "sizeof") ||
            !code[end + 3].IsSymbol('(')) return false;
        for (var k = 0; k < length; k++)
        {
            if (!fragment.TextOf(code[first + k]).SequenceEqual(fragment.TextOf(code[second + k]))) return false;
        }

        var after = second + length;
        if (!code[after].IsSymbol('[') || !fragment.Is(code[after + 1], "0") || !code[after + 2].IsSymbol(']') || !code[after + 3].IsSymbol(')'))
            return false;
        var text = fragment.Lines[code[first].Line].Text;
        array = text[code[first].Start..code[end - 1].End].ToString();
        return true;
    }
}
