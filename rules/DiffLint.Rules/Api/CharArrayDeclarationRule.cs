using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports char array declarations that should be <c>static const</c> (or <c>* const</c>).</summary>
[DiffLintRule]
public sealed class CharArrayDeclarationRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3073", "static-const-char-array",
        "char array that should be static const", "{0}", "STATIC_CONST_CHAR_ARRAY", """
            ## What it does
            Reports four declarations of string tables and buffers, as checkpatch does:
            - `static const char *names[] = ...`: the pointers can change; the message suggests
              `static const char * const`;
            - a local `const char buf[] = "..."` (also `unsigned char`, `u8`, `int8_t`) at the start of a line: the
              message suggests `static const`;
            - `static char buf[] = "..."`: the message suggests `static const char`;
            - an indented (local) `char *names[] = {`, alone or after `static` or `const`: the message suggests
              `static const`.

            ## Why it matters
            A local array initialised from a literal is copied onto the stack on every call; `static const` keeps one
            copy in read-only data. A table of pointers that is not `* const` can be rewritten, by a bug or an
            attacker, and stays in writable memory.

            ## Example
            ```diff
            +static const char *mode_names[] = {
            +	"off", "on",
            +};
            ```
            Write `static const char * const mode_names[] = {`.

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterIdentifierAction(AnalyzeStatic, "static");
        // Both line shapes start with (or right after static or const) one of these words: the lines without one, most
        // of them, cost no call.
        registration.RegisterCodeLineAction(AnalyzeLineStart, "const", "char");
    }

    private void AnalyzeStatic(CTokenContext keyword)
    {
        if (IsStaticConstPointerArray(keyword.Fragment, keyword.Code, keyword.CodeIndex))
            keyword.Report(Descriptor, "static const char * array should probably be static const char * const");
        else if (IsStaticCharArrayFromString(keyword.Fragment, keyword.Code, keyword.CodeIndex))
            keyword.Report(Descriptor, "static char array declaration should probably be static const char");
    }

    private void AnalyzeLineStart(CodeLineContext line)
    {
        var code = line.Code;
        if (code.IsEmpty) return;
        if (IsConstByteArrayFromString(line.Fragment, code))
            line.Report(Descriptor, code[0], "const array should probably be static const");
        else if (IsIndentedPointerArray(line.Fragment, line.Line, code))
            line.Report(Descriptor, code[0], "char * array declaration might be better as static const");
    }

    /// <summary><c>static const char *name[] =</c> from <paramref name="t"/>.</summary>
    private static bool IsStaticConstPointerArray(CFragment fragment, ReadOnlySpan<CToken> code, int t) =>
        t + 7 < code.Length && fragment.Is(code[t + 1], "const") && fragment.Is(code[t + 2], "char") && code[t + 3].IsSymbol('*') &&
        IsEmptyArrayInitializer(code, t + 4);

    /// <summary><c>static char name[] = "</c> from <paramref name="t"/>.</summary>
    private static bool IsStaticCharArrayFromString(CFragment fragment, ReadOnlySpan<CToken> code, int t) =>
        t + 6 < code.Length && fragment.Is(code[t + 1], "char") && IsEmptyArrayInitializer(code, t + 2) && IsPlainString(code[t + 6]);

    /// <summary>A line starting <c>const char name[] = "</c> (or <c>[N]</c>), the type also <c>unsigned char</c>, <c>u8</c> or <c>int8_t</c>.</summary>
    private static bool IsConstByteArrayFromString(CFragment fragment, ReadOnlySpan<CToken> code)
    {
        if (code.Length < 7 || !fragment.Is(code[0], "const")) return false;
        var t = 1;
        if (fragment.Is(code[t], "unsigned") && fragment.Is(code[t + 1], "char")) t += 2;
        else if (fragment.Is(code[t], "char") || IsByteTypeName(fragment.TextOf(code[t]))) t++;
        else return false;
        if (t + 4 >= code.Length || code[t].Kind != CTokenKind.Identifier || !code[t + 1].IsSymbol('[')) return false;
        t += 2;
        if (code[t].Kind is CTokenKind.Identifier or CTokenKind.Number) t++;
        return t + 2 < code.Length && code[t].IsSymbol(']') && code[t + 1].IsSymbol('=') && IsPlainString(code[t + 2]);
    }

    /// <summary><c>_*u8</c> or <c>[us]_int8_t</c>/<c>int8_t</c>.</summary>
    private static bool IsByteTypeName(ReadOnlySpan<char> name) =>
        name.TrimStart('_').SequenceEqual("u8") || name.SequenceEqual("int8_t") || name.SequenceEqual("u_int8_t") ||
        name.SequenceEqual("s_int8_t");

    /// <summary>An indented line starting <c>char *name[] = {</c>, optionally after <c>static</c> or <c>const</c>.</summary>
    private static bool IsIndentedPointerArray(CFragment fragment, int line, ReadOnlySpan<CToken> code)
    {
        var t = fragment.Is(code[0], "static") || fragment.Is(code[0], "const") ? 1 : 0;
        if (!(t + 6 < code.Length && fragment.Is(code[t], "char") && code[t + 1].IsSymbol('*') && IsEmptyArrayInitializer(code, t + 2) &&
              code[t + 6].IsSymbol('{'))) return false;
        var text = fragment.Lines.ItemRef(line).Text;
        return text[0] is ' ' or '\t';
    }

    /// <summary><c>name[] =</c> at <paramref name="name"/>.</summary>
    private static bool IsEmptyArrayInitializer(ReadOnlySpan<CToken> code, int name) =>
        name + 3 < code.Length && code[name].Kind == CTokenKind.Identifier && code[name + 1].IsSymbol('[') && code[name + 2].IsSymbol(']') &&
        code[name + 3].IsSymbol('=');

    private static bool IsPlainString(in CToken token) => token.Kind == CTokenKind.String && token.First == '"';
}
