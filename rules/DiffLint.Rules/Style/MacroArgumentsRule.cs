using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>
/// Reports function-like macro parameters that the body evaluates more than once (DL3111) or uses next to an
/// operator without parentheses (DL3112).
/// </summary>
[DiffLintRule]
public sealed class MacroArgumentsRule : PatchRule
{
    public static readonly RuleDescriptor Reuse = new(
        id: "DL3111",
        name: "macro-argument-reuse",
        title: "Macro argument used more than once",
        messageFormat: "Macro argument reuse '{0}' - possible side-effects?",
        category: "Style",
        defaultSeverity: Severity.Note,
        checkpatchType: "MACRO_ARG_REUSE",
        documentation: """
            ## What it does
            Reports, on the `#define` line an added line starts, each parameter of a function-like macro that its body
            names more than once. Uses that evaluate nothing are not counted, as in checkpatch: inside `sizeof`,
            `typeof`, `__typeof__`, `offsetof`, `sizeof_field`, `__must_be_array`, `__stringify`, `__builtin_*` and
            `typecheck(type, x)`, after `#` or `##` and before `##`. Parameters named `type` (any case) and variadic
            ones (`...`, `args...`) are left alone. The body is read over its continuation lines as far as the hunk
            shows them; names in strings and comments do not count.

            A CHECK-level rule: it runs under `--strict` and in files under `drivers/net/`, `net/` and
            `drivers/staging/`.

            ## Why it matters
            `#define MAX(a, b) ((a) > (b) ? (a) : (b))` evaluates one argument twice: `MAX(i++, n)` increments
            twice. A statement expression with local copies, or an inline function, avoids that.

            ## Example
            ```diff
            +#define ACME_CLAMP(v, lo, hi) ((v) < (lo) ? (lo) : (v) > (hi) ? (hi) : (v))
            ```

            ## Configuration
            Kernel, git and U-Boot profiles; strict (checkpatch `--strict`).
            """,
        profiles: ["kernel", "git", "uboot"],
        isStrict: true);

    public static readonly RuleDescriptor Precedence = new(
        id: "DL3112",
        name: "macro-argument-precedence",
        title: "Macro argument next to an operator without parentheses",
        messageFormat: "Macro argument '{0}' may be better as '({0})' to avoid precedence issues",
        category: "Style",
        defaultSeverity: Severity.Note,
        checkpatchType: "MACRO_ARG_PRECEDENCE",
        documentation: """
            ## What it does
            Reports, on the `#define` line an added line starts, a parameter of a function-like macro whose first
            counted use in the body (uses are counted as in DL3111) touches an operator on either side (`+ - * / %`,
            shifts, comparisons, `& | ^ && ||`, `! ~`, `++ --`, `->`; not `,`, `=`, `?` or `:`) without parentheses
            between them: `#define TWICE(x) x * 2`. As in checkpatch only the first use is looked at, and `p->field`
            counts (`->` is an operator), so `((p)->field)` is the form that passes for `p`.

            A CHECK-level rule: it runs under `--strict` and in files under `drivers/net/`, `net/` and
            `drivers/staging/`.

            ## Why it matters
            Macro arguments are pasted as text: `TWICE(a + b)` expands to `a + b * 2`. Parenthesising each use keeps
            the argument one operand.

            ## Example
            ```diff
            +#define ACME_REG(base, n) base + n * 4
            ```

            ## Configuration
            Kernel, git and U-Boot profiles; strict (checkpatch `--strict`).
            """,
        profiles: ["kernel", "git", "uboot"],
        isStrict: true);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Reuse, Precedence];

    public override void Initialize(RuleRegistration registration) => registration.RegisterMacroAction(Analyze);

    private void Analyze(MacroContext context)
    {
        var macro = context.Macro;
        var fragment = context.Fragment;
        if (!macro.IsFunctionLike || macro.NameToken < 0 || macro.BodyFirst < 0
            || !fragment.Lines.ItemRef(fragment.Tokens.ItemRef(macro.Directive).Line).IsJudged) return;
        if (context.Source.File.Path.EndsWith("/vmlinux.lds.h", StringComparison.Ordinal)) return;
        CheckMacro(context, macro);
    }

    /// <summary>Counts the uses of every parameter in one pass over the body, then reports in parameter order.</summary>
    private static void CheckMacro(MacroContext context, in CMacro macro)
    {
        var fragment = context.Fragment;
        var tokens = fragment.Tokens;
        var open = macro.NameToken + 1;
        var close = fragment.Structure.MatchOf(open);
        if (close < 0) return;
        var parameters = new Dictionary<string, ParameterUses>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var p = open + 1; p < close; p++)
        {
            var parameter = tokens[p];
            if (parameter.Kind is not (CTokenKind.Identifier or CTokenKind.Keyword)) continue;
            var next = CodeTokens.Next(fragment, p);
            if (next >= 0 && fragment.Is(tokens[next], "...")) continue;
            var name = fragment.TextOf(parameter).ToString();
            if (name.Equals("type", StringComparison.OrdinalIgnoreCase) || !parameters.TryAdd(name, new ParameterUses())) continue;
            order.Add(name);
        }

        if (order.Count == 0) return;
        var lookup = parameters.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var t = macro.BodyFirst; t <= macro.BodyLast; t++)
        {
            var token = tokens[t];
            if (token.Kind is not (CTokenKind.Identifier or CTokenKind.Keyword) || !lookup.TryGetValue(fragment.TextOf(token), out var uses)) continue;
            if (IsUnevaluated(fragment, t, macro.BodyFirst, macro.BodyLast)) continue;
            uses.Count++;
            if (uses.First < 0) uses.First = t;
        }

        var directive = tokens[macro.Directive];
        foreach (var name in order)
        {
            var uses = parameters[name];
            if (uses.Count > 1) context.Report(Reuse, directive, name);
            var first = uses.First;
            if (first >= 0 && (IsOperator(fragment, CodeTokens.Previous(fragment, first), macro.BodyFirst, macro.BodyLast, after: false)
                || IsOperator(fragment, CodeTokens.Next(fragment, first), macro.BodyFirst, macro.BodyLast, after: true)))
                context.Report(Precedence, directive, name);
        }
    }

    /// <summary>How often the body evaluates a parameter, and where first.</summary>
    private sealed class ParameterUses
    {
        public int Count { get; set; }

        public int First { get; set; } = -1;
    }

    /// <summary>
    /// The use at <paramref name="index"/> evaluates nothing: <c>sizeof(x)</c>, <c>typeof(x)</c>, <c>#x</c>,
    /// <c>x ## y</c> and the like.
    /// </summary>
    private static bool IsUnevaluated(CFragment fragment, int index, int bodyFirst, int bodyLast)
    {
        var tokens = fragment.Tokens;
        var next = CodeTokens.Next(fragment, index);
        if (next >= 0 && next <= bodyLast && fragment.Is(tokens[next], "##")) return true;
        var before = CodeTokens.Previous(fragment, index);
        if (before >= bodyFirst && tokens[before].Kind == CTokenKind.Operator && tokens[before].First == '#') return true;
        while (before >= bodyFirst && tokens[before].IsSymbol('(')) before = CodeTokens.Previous(fragment, before);
        if (before < bodyFirst) return false;
        var word = fragment.TextOf(tokens[before]);
        if (word is "__must_be_array" or "offsetof" or "sizeof" or "sizeof_field" or "__stringify" or "typeof" or "__typeof__"
            || word.StartsWith("__builtin")) return true;
        // typecheck(type, x)
        if (!tokens[before].IsSymbol(',')) return false;
        // The type of typecheck(type, x) is a few tokens; the bound keeps ", x , x , x ..." linear.
        var typeStart = before - 1;
        var floor = Math.Max(bodyFirst, before - 16);
        while (typeStart > floor && !tokens[typeStart - 1].IsSymbol('(')) typeStart--;
        var typecheck = typeStart - 2;
        return typecheck >= bodyFirst && fragment.Is(tokens[typecheck], "typecheck")
            && CDeclarationShape.TypeEnd(fragment, typeStart, before) == before;
    }

    /// <summary>
    /// One of checkpatch's <c>$Operators</c> other than <c>,</c>; <paramref name="after"/> the parameter, a compound
    /// assignment counts too, as checkpatch reads the operator it starts with (<c>+=</c> as <c>+</c>).
    /// </summary>
    private static bool IsOperator(CFragment fragment, int index, int bodyFirst, int bodyLast, bool after)
    {
        if (index < bodyFirst || index > bodyLast) return false;
        var token = fragment.Tokens[index];
        if (token.Kind != CTokenKind.Operator) return false;
        var text = fragment.TextOf(token);
        return text is "<=" or ">=" or "==" or "!=" or "=>" or "->" or "<<" or ">>" or "<" or ">" or "!" or "~" or "&&" or "||" or "^"
            or "++" or "--" or "&" or "|" or "+" or "-" or "*" or "/" or "%"
            || after && text.Length > 1 && text[^1] == '=' && text[..^1] is "<<" or ">>" or "+" or "-" or "*" or "/" or "%" or "&" or "|" or "^";
    }
}
