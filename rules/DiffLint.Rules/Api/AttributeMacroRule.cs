using System.Collections.Frozen;
using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports <c>__attribute__((packed))</c> and the other attributes the kernel wraps in a macro (<c>__packed</c>).</summary>
[DiffLintRule]
public sealed class AttributeMacroRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3070", "prefer-attribute-macro",
        "Raw __attribute__ with a kernel macro", "{0}", "PREFER_DEFINED_ATTRIBUTE_MACRO", """
            ## What it does
            Reports an attribute written as `__attribute__((...))` that the kernel spells with a macro of
            include/linux/compiler_attributes.h: `packed` → `__packed`, `aligned(n)` → `__aligned(n)`,
            `section("s")` → `__section("s")`, `noreturn` → `__noreturn`, `format(printf, 2, 3)` →
            `__printf(2, 3)`, `weak` → `__weak`, and `alias`, `always_inline`, `assume_aligned`, `cold`, `const`,
            `copy`, `designated_init`, `externally_visible`, `gnu_inline`, `malloc`, `mode`,
            `no_caller_saved_registers`, `noclone`, `noinline`, `nonstring`, `pure`, `used` likewise (also in their
            `__packed__` spellings): "Prefer __packed over __attribute__((packed))". An attribute list that starts
            with `unused` is reported as well: the kernel writes `__always_unused` (a parameter an interface imposes
            and the function never reads) or `__maybe_unused` (used in some configurations only).

            ## Why it matters
            The macros are shorter, and they are where the kernel handles compilers that lack or spell an attribute
            differently; one spelling across the tree keeps code greppable.

            ## Example
            ```diff
            +struct hdr {
            +	u8 type;
            +	__le16 len;
            +} __attribute__((packed));
            ```
            Write `} __packed;`.

            ## Configuration
            Kernel and U-Boot profiles; files under include/uapi/ (compiled by user space, without the macros) are
            not checked. Like checkpatch, only the first `__attribute__((...))` of a line that closes on that line is
            read; one in a comment is not (checkpatch reads comments too). For `format(__printf__, 2, 3)` checkpatch suggests the nonexistent `____printf__(2, 3)`; DiffLint
            names the real macro, `__printf(2, 3)`.
            """, category: "Style");

    // A class of its own: the table is built when the rule first needs it, not when a descriptor of the rule is
    // read or the rule is made (every run makes every rule, whatever the profile).
    private static class Tables
    {
        /// <summary>Attribute (without its surrounding underscores) → the kernel macro; <c>format</c> is built from its archetype.</summary>
        public static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Macros =
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["alias"] = "__alias",
                ["aligned"] = "__aligned",
                ["always_inline"] = "__always_inline",
                ["assume_aligned"] = "__assume_aligned",
                ["cold"] = "__cold",
                ["const"] = "__attribute_const__",
                ["copy"] = "__copy",
                ["designated_init"] = "__designated_init",
                ["externally_visible"] = "__visible",
                ["format"] = "__printf",
                ["gnu_inline"] = "__gnu_inline",
                ["malloc"] = "__malloc",
                ["mode"] = "__mode",
                ["no_caller_saved_registers"] = "__no_caller_saved_registers",
                ["noclone"] = "__noclone",
                ["noinline"] = "noinline",
                ["nonstring"] = "__nonstring",
                ["noreturn"] = "__noreturn",
                ["packed"] = "__packed",
                ["pure"] = "__pure",
                ["section"] = "__section",
                ["used"] = "__used",
                ["weak"] = "__weak",
            }.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, "__attribute__");

    private void Analyze(CTokenContext keyword)
    {
        if (keyword.Source.File.Path.Contains("include/uapi/", StringComparison.Ordinal)) return;
        var tokens = keyword.Fragment.Tokens.AsSpan();
        if (!TryAttributeList(tokens, keyword.Index, out var open, out var close) || FollowsAttributeList(keyword.Fragment, keyword.Index)) return;
        ReportAttributes(keyword.Source, keyword.Fragment, tokens, open, close);
    }

    /// <summary>True when an earlier <c>__attribute__((...))</c> of the keyword's line was read: checkpatch reads one per line.</summary>
    private static bool FollowsAttributeList(CFragment fragment, int keyword)
    {
        var tokens = fragment.Tokens.AsSpan();
        for (var t = keyword - 1; t >= fragment.Lines[tokens[keyword].Line].FirstToken; t--)
        {
            if (tokens[t].Kind == CTokenKind.Keyword && fragment.Is(tokens[t], "__attribute__") && TryAttributeList(tokens, t, out _, out _)) return true;
        }

        return false;
    }

    /// <summary>
    /// The inner parentheses of <c>__attribute__((list))</c> at <paramref name="keyword"/>, both pairs closing on the
    /// keyword's line and the outer holding nothing but the inner (checkpatch's balanced-parentheses match of one line).
    /// </summary>
    private static bool TryAttributeList(ReadOnlySpan<CToken> tokens, int keyword, out int open, out int close)
    {
        open = close = -1;
        var line = tokens[keyword].Line;
        var outer = NextCode(tokens, keyword);
        if (outer < 0 || !tokens[outer].IsSymbol('(') || tokens[outer].Line != line) return false;
        open = NextCode(tokens, outer);
        if (open < 0 || !tokens[open].IsSymbol('(')) return false;
        close = CloseOnLine(tokens, open);
        if (close < 0) return false;
        var outerClose = NextCode(tokens, close);
        return outerClose >= 0 && tokens[outerClose].IsSymbol(')') && tokens[outerClose].Line == line;
    }

    private static void ReportAttributes(in CSourceContext context, CFragment fragment, ReadOnlySpan<CToken> tokens, int open, int close)
    {
        var text = fragment.Lines[tokens[open].Line].Text;
        var first = true;
        var unusedWord = -1;
        for (var t = open + 1; t < close; t++)
        {
            ref readonly var word = ref tokens[t];
            if (word.Kind is not (CTokenKind.Identifier or CTokenKind.Keyword or CTokenKind.Number))
            {
                if (word.IsCode) first = false;
                continue;
            }

            var name = fragment.TextOf(word);
            var attribute = name.Trim('_');
            if (first && name.TrimStart('_').StartsWith("unused")) unusedWord = t;
            first = false;
            var paramsOpen = NextCode(tokens, t);
            var paramsClose = paramsOpen > 0 && paramsOpen < close && tokens[paramsOpen].IsSymbol('(') ? CloseOnLine(tokens, paramsOpen) : -1;
            var parameters = paramsClose < 0 ? "" : text[tokens[paramsOpen].Start..tokens[paramsClose].End].ToString();
            if (Tables.Macros.TryGetValue(attribute, out var macro))
            {
                var replacement = attribute.SequenceEqual("format") ? FormatMacro(fragment, tokens, paramsOpen, paramsClose, parameters) : macro + parameters;
                context.Report(Descriptor, fragment, word, "Prefer " + replacement + " over __attribute__((" + name.ToString() + parameters + "))");
            }

            if (paramsClose > 0) t = paramsClose;
        }

        if (unusedWord >= 0)
            context.Report(Descriptor, fragment, tokens[unusedWord], "__always_unused or __maybe_unused is preferred over __attribute__((__unused__))");
    }

    /// <summary><c>format(printf, 2, 3)</c> → <c>__printf(2, 3)</c>: the archetype without its underscores, then the rest of the list.</summary>
    private static string FormatMacro(CFragment fragment, ReadOnlySpan<CToken> tokens, int open, int close, string parameters)
    {
        if (close < 0) return "printf|scanf";
        var archetype = NextCode(tokens, open);
        var comma = archetype < 0 ? -1 : NextCode(tokens, archetype);
        if (comma < 0 || comma >= close || !tokens[comma].IsSymbol(',')) return "__printf|__scanf" + parameters;
        var rest = NextCode(tokens, comma);
        var text = fragment.Lines[tokens[open].Line].Text;
        return "__" + fragment.TextOf(tokens[archetype]).Trim('_').ToString() + "(" + text[tokens[rest].Start..tokens[close].End].ToString();
    }

    private static int CloseOnLine(ReadOnlySpan<CToken> tokens, int open)
    {
        var depth = 0;
        for (var t = open; t < tokens.Length && tokens[t].Line == tokens[open].Line; t++)
        {
            if (tokens[t].IsSymbol('(')) depth++;
            else if (tokens[t].IsSymbol(')') && --depth == 0) return t;
        }

        return -1;
    }

    private static int NextCode(ReadOnlySpan<CToken> tokens, int index)
    {
        for (var t = index + 1; t < tokens.Length; t++)
        {
            if (tokens[t].IsCode) return t;
        }

        return -1;
    }
}
