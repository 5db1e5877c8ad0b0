using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;
using DiffLint.Rules.Style;

namespace DiffLint.Rules.Api;

/// <summary>Reports <c>#if defined(CONFIG_FOO) || defined(CONFIG_FOO_MODULE)</c>, which <c>IS_ENABLED(CONFIG_FOO)</c> says.</summary>
[DiffLintRule]
public sealed class PreferIsEnabledRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3188", "prefer-is-enabled", "defined(CONFIG_FOO) || defined(CONFIG_FOO_MODULE)",
        "Prefer IS_ENABLED(<FOO>) to CONFIG_<FOO> || CONFIG_<FOO>_MODULE", "PREFER_IS_ENABLED", """
            ## What it does
            Reports an `#if` line that is exactly `defined(CONFIG_FOO) || defined(CONFIG_FOO_MODULE)` (with or without
            the parentheses), the symbol written in capitals and underscores as checkpatch matches it.

            ## Why it matters
            `IS_ENABLED(CONFIG_FOO)` is true for a built-in and a modular FOO: the same test, shorter, and usable in
            C code (`if (IS_ENABLED(...))`) so both branches keep being compiled.

            ## Example
            ```diff
            +#if defined(CONFIG_LEDS_CLASS) || defined(CONFIG_LEDS_CLASS_MODULE)
            ```
            Write `#if IS_ENABLED(CONFIG_LEDS_CLASS)`.

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterTokenAction(Analyze, CTokenKind.Preprocessor);

    private void Analyze(CTokenContext directive)
    {
        var code = directive.Code;
        if (directive.CodeIndex != 0 || DirectiveLine.OperandOf(directive, "if") < 0) return;
        var fragment = directive.Fragment;
        var t = 1;
        if (Defined(fragment, code, ref t) is not { } symbol || t >= code.Length || !fragment.Is(code[t], "||")) return;
        t++;
        if (Defined(fragment, code, ref t) is { } module && t == code.Length && module.Length == symbol.Length + "_MODULE".Length
            && module.StartsWith(symbol) && module.EndsWith("_MODULE"))
            directive.Report(Descriptor);
    }

    /// <summary>Reads <c>defined NAME</c> or <c>defined(NAME)</c> at <paramref name="t"/>, NAME being <c>CONFIG_[A-Z_]+</c>; null when not there.</summary>
    private static string? Defined(CFragment fragment, ReadOnlySpan<CToken> code, ref int t)
    {
        if (t >= code.Length || !fragment.Is(code[t], "defined")) return null;
        t++;
        var parenthesised = t < code.Length && code[t].IsSymbol('(');
        if (parenthesised) t++;
        if (t >= code.Length || code[t].Kind != CTokenKind.Identifier || !IsConfigSymbol(fragment.TextOf(code[t]))) return null;
        var symbol = fragment.TextOf(code[t]).ToString();
        t++;
        if (parenthesised && t < code.Length && code[t].IsSymbol(')')) t++;
        return symbol;
    }

    private static bool IsConfigSymbol(ReadOnlySpan<char> name) =>
        name.StartsWith("CONFIG_") && name.Length > "CONFIG_".Length && !name["CONFIG_".Length..].ContainsAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZ_");
}
