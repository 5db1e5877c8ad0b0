using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports <c>min()</c>/<c>max()</c> with a cast argument: <c>min_t()</c>/<c>max_t()</c> say the type once.</summary>
[DiffLintRule]
public sealed class MinMaxCastRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3220", "minmax-cast", "Cast inside min()/max()",
        "{0}() should probably be {0}_t({1}, {2}, {3})", "MINMAX", """
            ## What it does
            Reports `min(a, b)` or `max(a, b)` on the line where its statement starts when an argument is cast to a
            plain type (`(u32)len`, `(unsigned long)x`, `(struct foo)`...), each argument a name, member, call,
            constant or string as checkpatch reads it, and names the `min_t()`/`max_t()` form (with both types when
            the casts differ). checkpatch also knows the typedefs a file declares; DiffLint takes the C types,
            `struct`/`union`/`enum` types and the typedef names of checkpatch's own list (`u32`, `size_t`, `*_t`).

            ## Why it matters
            `min()` refuses arguments of different types so that a signed value is not compared as unsigned by
            accident; a cast silences that check for one argument only and hides the intent. `min_t(type, a, b)`
            states the comparison type once for both.

            ## Example
            ```diff
            +	len = min((size_t)count, sizeof(buf));
            ```
            Write `min_t(size_t, count, sizeof(buf))`.

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCallAction(Analyze, RegisteredNames.Of("min", "max"));

    private void Analyze(CallContext call)
    {
        var fragment = call.Fragment;
        var code = call.Code;
        if (!StatementStart.IsOnLineOf(fragment, call.Name, call.CodeIndex) || !CallsOnLine.IsFirstOf(call, IsMinMax)) return;
        var first = call.CodeIndex + 2;
        var firstEnd = FunctionArguments.End(fragment, code, first);
        if (firstEnd < 0 || firstEnd + 1 >= code.Length || !code[firstEnd].IsSymbol(',')) return;
        var second = firstEnd + 1;
        var secondEnd = FunctionArguments.End(fragment, code, second);
        if (secondEnd < 0 || secondEnd >= code.Length || !code[secondEnd].IsSymbol(')')) return;
        var firstCast = FunctionArguments.CastEnd(fragment, code, first);
        var secondCast = FunctionArguments.CastEnd(fragment, code, second);
        if (firstCast < 0 && secondCast < 0) return;

        var type1 = firstCast < 0 ? "" : Text(call, code, first + 1, firstCast - 2);
        var type2 = secondCast < 0 ? "" : Text(call, code, second + 1, secondCast - 2);
        var type = type1.Length > 0 && type2.Length > 0 && type1 != type2 ? $"{type1} or {type2}" : type1.Length > 0 ? type1 : type2;
        call.Report(Descriptor, call.Callee.ToString(), type, Text(call, code, firstCast < 0 ? first : firstCast, firstEnd - 1),
            Text(call, code, secondCast < 0 ? second : secondCast, secondEnd - 1));
    }

    private static bool IsMinMax(ReadOnlySpan<char> name) => name is "min" or "max";

    /// <summary>The source text of code tokens <paramref name="first"/>..<paramref name="last"/> of the line.</summary>
    private static string Text(CallContext call, ReadOnlySpan<CToken> code, int first, int last) =>
        call.Fragment.Lines.ItemRef(code[first].Line).Text[code[first].Start..code[last].End].ToString();
}
