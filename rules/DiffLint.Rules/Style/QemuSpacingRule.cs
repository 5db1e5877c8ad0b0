using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>
/// QEMU's spacing checks around braces, square brackets, aggregate definitions and preprocessor lines, and its
/// check of <c>#include</c> paths.
/// </summary>
[DiffLintRule]
public sealed class QemuSpacingRule : PatchRule
{
    public static readonly RuleDescriptor SpaceBeforeOpenBrace = Create("DL4032", "space-before-open-brace",
        "No space before an open brace", "space required before the open brace '{'", "Q_SPACE_BEFORE_OPEN_BRACE", """
            ## What it does
            Reports a `{` written right after the `)` of a condition, parameter list or macro argument list
            (`if (x){`, `void f(void){`) or right after `do` (`do{`). A compound literal (`(Point){ 1, 2 }`) is not
            reported.

            ## Why it matters
            QEMU writes `) {` everywhere; the tight form is harder to scan and `git diff` hunks show it as noise
            when someone fixes it later.

            ## Example
            ```diff
            +    if (s->enabled){
            ```

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor SpaceAfterCloseBrace = Create("DL4033", "space-after-close-brace",
        "No space after a close brace", "space required after that close brace '}'", "Q_SPACE_AFTER_CLOSE_BRACE", """
            ## What it does
            Reports a `}` directly followed by anything but `,`, `;` or `)`: `}else`, `}while (0)`, `}}` in a nested
            initializer.

            ## Why it matters
            `} else` and `} while` are how QEMU writes them; a tight `}` glued to the next word reads as a typo.

            ## Example
            ```diff
            +    }else {
            ```

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor SpaceBeforeBracket = Create("DL4034", "space-before-bracket",
        "Space before an open square bracket", "space prohibited before open square bracket '['", "Q_SPACE_BEFORE_BRACKET", """
            ## What it does
            Reports a blank before `[` (`array [i]`). Accepted: a `[` that starts the line, one after `,`, `{` or
            `:` (designated initializers: `{ [0] = 1, [1] = 2 }`), after a type name (`int [] a` in a parameter),
            and at the start of a function-like macro's body (`#define INIT(x) [x] = 1`).

            ## Why it matters
            Subscripts bind to the name before them; a blank suggests a separate operand.

            ## Example
            ```diff
            +    s->regs [addr >> 2] = val;
            ```

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor SpaceAfterAggregate = Create("DL4035", "space-after-aggregate",
        "No space after a struct, union or enum definition", "missing space after {0} definition", "Q_SPACE_AFTER_AGGREGATE", """
            ## What it does
            Reports a line that opens a `struct`, `union` or `enum` (optionally after `typedef`) with its `{` or an
            `=` glued to the tag or variable name: `struct Foo{`, `enum{`, `struct Foo foo={`.

            ## Why it matters
            QEMU writes `struct Foo {`; the glued brace is hard to spot and breaks grepping for `struct Foo {`.

            ## Example
            ```diff
            +typedef struct VirtIOFoo{
            ```

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor AggregateBraceSameLine = Create("DL4036", "aggregate-brace-same-line",
        "Open brace of a struct, union or enum on its own line", "open brace '{{' following {0} go on the same line",
        "Q_AGGREGATE_BRACE_SAME_LINE", """
            ## What it does
            Reports a `{` that starts a line when the line before is only `struct Foo`, `union`, `enum Bar` or
            `typedef struct Foo`.

            ## Why it matters
            QEMU (like the kernel) puts the brace of a type definition on the line of the tag; only function bodies
            open on a line of their own.

            ## Example
            ```diff
            +typedef struct VirtIOFooState
            +{
            ```

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor IfdefSpacing = Create("DL4037", "ifdef-spacing",
        "More than one space after #ifdef, #ifndef or #elif", "exactly one space required after that #{0}", "Q_IFDEF_SPACING", """
            ## What it does
            Reports `#ifdef`, `#ifndef` or `#elif` followed by two or more blanks before its operand.

            ## Why it matters
            `git grep '#ifdef CONFIG_FOO'` is how people find the code a configuration option controls; extra blanks
            hide the line from it.

            ## Example
            ```diff
            +#ifdef  CONFIG_KVM
            ```

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor BackslashWhitespace = Create("DL4038", "backslash-whitespace",
        "Whitespace after the continuation backslash of a #define", "Whitespace after \\ makes next lines useless",
        "Q_BACKSLASH_WHITESPACE", """
            ## What it does
            Reports a `#define` line that ends in a backslash followed by one blank.

            ## Why it matters
            A backslash continues the line only when the newline follows it directly; with a blank after it the
            macro ends on this line and the lines below become code of their own (GCC only warns).

            ## Example
            A blank after the backslash of `+#define SET(s, v) \` leaves `do { (s)->v = (v); } while (0)` on the
            next line outside the macro.

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor MalformedInclude = Create("DL4053", "malformed-include",
        "#include path with //", "malformed #include filename", "Q_MALFORMED_INCLUDE", """
            ## What it does
            Reports an `#include` whose file name contains `//`.

            ## Why it matters
            A doubled slash is almost always a typo from joining paths; it also defeats tools that match include
            paths textually (dependency scripts, `git grep`).

            ## Example
            ```diff
            +#include "hw//pci/pci.h"
            ```

            ## Configuration
            QEMU profile only.
            """);

    private static RuleDescriptor Create(string id, string name, string title, string message, string qemuType, string documentation) =>
        new(id, name, title, message, "Style", Severity.Error, documentation, qemuCheckpatchType: qemuType, profiles: ["qemu"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics =>
        [SpaceBeforeOpenBrace, SpaceAfterCloseBrace, SpaceBeforeBracket, SpaceAfterAggregate, AggregateBraceSameLine, IfdefSpacing,
            BackslashWhitespace, MalformedInclude];

    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterSymbolAction(AnalyzeBracket, RegisteredNames.Of("{", "}", "["));
        registration.RegisterTokenAction(AnalyzeDirective, CTokenKind.Preprocessor);
        registration.RegisterCodeLineAction(AnalyzeAggregate);
    }

    private void AnalyzeBracket(CTokenContext bracket)
    {
        var fragment = bracket.Fragment;
        var t = bracket.Index;
        switch (bracket.Token.First)
        {
            case '{' when IsGluedOpenBrace(fragment, t):
                bracket.Report(SpaceBeforeOpenBrace);
                break;
            case '}' when IsGluedCloseBrace(fragment, t):
                bracket.Report(SpaceAfterCloseBrace);
                break;
            case '[' when bracket.CodeIndex > 0 && IsSpacedBracket(fragment, t):
                bracket.Report(SpaceBeforeBracket);
                break;
        }
    }

    /// <summary>A directive that starts the line's code.</summary>
    private void AnalyzeDirective(CTokenContext directive)
    {
        if (directive.CodeIndex == 0) CheckDirective(directive.Source, directive.Fragment, directive.Line, directive.Index);
    }

    private void AnalyzeAggregate(CodeLineContext line)
    {
        if (line.Code.IsEmpty) return;
        var fragment = line.Fragment;
        var first = line.CLine.FirstToken;
        while (!fragment.Tokens.ItemRef(first).IsCode) first++;
        CheckAggregate(line.Source, fragment, line.Line, first);
    }

    /// <summary><c>){</c> (not closing a compound literal's type) or <c>do{</c>.</summary>
    private static bool IsGluedOpenBrace(CFragment fragment, int index)
    {
        if (index == 0) return false;
        var tokens = fragment.Tokens;
        var before = tokens[index - 1];
        if (before.Line != tokens[index].Line || before.End != tokens[index].Start) return false;
        if (before.Kind == CTokenKind.Keyword && fragment.Is(before, "do")) return true;
        return before.IsSymbol(')') && !TokenSpacing.IsCastClose(fragment, index - 1) && !ClosesArrayType(fragment, index - 1);
    }

    /// <summary>The <c>)</c> of a compound literal's array type: <c>(VMStateField[]){</c>.</summary>
    private static bool ClosesArrayType(CFragment fragment, int close)
    {
        var open = fragment.Structure.MatchOf(close);
        if (open < 0) return false;
        var tokens = fragment.Tokens;
        var t = CodeTokens.Next(fragment, open);
        if (t < 0 || t >= close || !QemuTypes.IsTypeWord(fragment, t) && !(tokens[t].Kind == CTokenKind.Keyword && fragment.TextOf(tokens[t]) is "struct" or "union" or "enum" or "const")) return false;
        var sawBrackets = false;
        for (; t >= 0 && t < close; t = CodeTokens.Next(fragment, t))
        {
            var token = tokens[t];
            if (token.IsSymbol('['))
            {
                var end = fragment.Structure.MatchOf(t);
                if (end < 0 || end > close) return false;
                sawBrackets = true;
                t = end;
            }
            else if (sawBrackets)
            {
                return false;
            }
        }

        return sawBrackets;
    }

    /// <summary>A <c>}</c> with something other than <c>,</c>, <c>;</c> or <c>)</c> right after it on the line.</summary>
    private static bool IsGluedCloseBrace(CFragment fragment, int index)
    {
        var tokens = fragment.Tokens;
        if (index + 1 >= tokens.Length) return false;
        var after = tokens[index + 1];
        if (after.Line != tokens[index].Line || after.Start != tokens[index].End) return false;
        return !(after.IsSymbol(',') || after.IsSymbol(';') || after.IsSymbol(')'));
    }

    /// <summary>A <c>[</c> after a blank that follows neither <c>,</c> <c>{</c> <c>:</c>, a type, nor a macro's parameter list.</summary>
    private static bool IsSpacedBracket(CFragment fragment, int index)
    {
        var tokens = fragment.Tokens;
        var token = tokens[index];
        var text = fragment.Lines[token.Line].Text;
        if (token.Start == 0 || !TokenSpacing.IsBlank(text[token.Start - 1])) return false;
        var before = CodeTokens.Previous(fragment, index);
        if (before < 0) return false;
        var b = tokens[before];
        if (b.IsSymbol(',') || b.IsSymbol('{') || b.IsSymbol(':') || QemuTypes.IsTypeWord(fragment, before)) return false;
        return !(b.IsSymbol(')') && token.InDirective && ClosesMacroParameters(fragment, before));
    }

    private static bool ClosesMacroParameters(CFragment fragment, int close)
    {
        var open = fragment.Structure.MatchOf(close);
        if (open < 1) return false;
        var name = CodeTokens.Previous(fragment, open);
        var directive = name >= 0 ? CodeTokens.Previous(fragment, name) : -1;
        return directive >= 0 && fragment.Tokens[directive].Kind == CTokenKind.Preprocessor
            && fragment.TextOf(fragment.Tokens[directive]).EndsWith("define");
    }

    /// <summary><c>[typedef] struct|union|enum [Tag] [name]</c> followed by a glued <c>{</c> or <c>=</c>; and a <c>{</c> line under a bare tag line.</summary>
    private static void CheckAggregate(CSourceContext context, CFragment fragment, int line, int first)
    {
        var tokens = fragment.Tokens;
        if (tokens[first].IsSymbol('{'))
        {
            if (line > 0 && BareAggregateLine(fragment, line - 1) is { } kind) context.Report(AggregateBraceSameLine, fragment, tokens[first], kind);
            return;
        }

        var t = first;
        if (tokens[t].Kind == CTokenKind.Keyword && fragment.Is(tokens[t], "typedef")) t++;
        if (t >= tokens.Length || tokens[t].Line != line || !IsAggregateKeyword(fragment, tokens[t])) return;
        var kindToken = t++;
        for (var names = 0; names < 2 && t < tokens.Length && tokens[t].Line == line && tokens[t].Kind == CTokenKind.Identifier; names++) t++;
        if (t >= tokens.Length || tokens[t].Line != line || tokens[t].Start != tokens[t - 1].End) return;
        if (tokens[t].IsSymbol('{') || tokens[t].IsSymbol('='))
        {
            context.Report(SpaceAfterAggregate, fragment, tokens[t], fragment.TextOf(tokens[kindToken]).ToString());
        }
    }

    /// <summary>The keyword of a line that holds only <c>[typedef] struct|union|enum [Tag]</c>, or null.</summary>
    private static string? BareAggregateLine(CFragment fragment, int line)
    {
        var tokens = fragment.TokensOf(line);
        var t = 0;
        if (t < tokens.Length && tokens[t].Kind == CTokenKind.Keyword && fragment.Is(tokens[t], "typedef")) t++;
        if (t >= tokens.Length || !IsAggregateKeyword(fragment, tokens[t])) return null;
        var kind = fragment.TextOf(tokens[t]).ToString();
        t++;
        if (t < tokens.Length && tokens[t].Kind == CTokenKind.Identifier) t++;
        return t == tokens.Length ? kind : null;
    }

    private static bool IsAggregateKeyword(CFragment fragment, in CToken token) =>
        token.Kind == CTokenKind.Keyword && fragment.TextOf(token) is "struct" or "union" or "enum";

    private static void CheckDirective(CSourceContext context, CFragment fragment, int line, int directive)
    {
        var tokens = fragment.Tokens;
        var token = tokens[directive];
        var name = fragment.TextOf(token)[1..].TrimStart(" \t");
        var text = fragment.Lines[line].Text;
        if (name is "ifdef" or "ifndef" or "elif")
        {
            var rest = text[token.End..];
            if (rest.Length >= 2 && TokenSpacing.IsBlank(rest[0]) && TokenSpacing.IsBlank(rest[1]))
            {
                context.Report(IfdefSpacing, fragment, token, name.ToString());
            }
        }
        else if (name is "define")
        {
            if (text.Length >= 2 && TokenSpacing.IsBlank(text[^1]) && text[^2] == '\\')
            {
                context.Report(BackslashWhitespace, fragment, line, text.Length - 2, text.Length, null);
            }
        }
        else if (name is "include" && directive + 1 < tokens.Length && tokens[directive + 1].Line == line
            && tokens[directive + 1].Kind == CTokenKind.String && fragment.TextOf(tokens[directive + 1]).Contains("//", StringComparison.Ordinal))
        {
            context.Report(MalformedInclude, fragment, tokens[directive + 1]);
        }
    }
}
