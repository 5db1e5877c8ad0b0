using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports static and file-scope variables explicitly initialised to 0, NULL or false.</summary>
[DiffLintRule]
public sealed class ZeroInitialiserRule : PatchRule
{
    public static readonly RuleDescriptor Static = new(
        id: "DL3045",
        name: "static-zero-init",
        title: "Static variable initialised to zero",
        messageFormat: "Do not initialise statics to {0}",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "INITIALISED_STATIC",
        checkpatchMessage: "do not initialise statics to {0}",
        qemuCheckpatchType: "Q_STATIC_ZERO_INIT",
        documentation: """
            ## What it does
            Reports a `static` variable declared with `= 0`, `= NULL` or `= false` (any spelling of zero: `0x0`,
            `0UL`...), at file scope or inside a function.

            ## Why it matters
            Static storage is zeroed before the program starts; the initialiser adds nothing, and in the kernel it
            used to move the variable from .bss to .data.

            ## Example
            ```diff
            +static GSList *connect_list = NULL;
            ```
            Write `static GSList *connect_list;`.

            ## Configuration
            """);

    public static readonly RuleDescriptor Global = new(
        id: "DL3046",
        name: "global-zero-init",
        title: "Global variable initialised to zero",
        messageFormat: "Do not initialise globals to {0}",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "GLOBAL_INITIALISERS",
        checkpatchMessage: "do not initialise globals to {0}",
        qemuCheckpatchType: "Q_GLOBAL_ZERO_INIT",
        documentation: """
            ## What it does
            Reports a file-scope (non-static) variable declared at the start of a line with `= 0`, `= NULL` or
            `= false`.

            ## Why it matters
            Globals are zeroed before the program starts; the initialiser is noise.

            ## Example
            ```diff
            +int debug_level = 0;
            ```
            Write `int debug_level;`.

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Static, Global];

    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterTokenAction(Analyze, CTokenKind.Number);
        registration.RegisterIdentifierAction(Analyze, RegisteredNames.Of("NULL", "false"));
    }

    /// <summary>A value that may be a zero: reported when it is one, right after an added <c>=</c> and before a <c>;</c>.</summary>
    private void Analyze(CTokenContext value)
    {
        var fragment = value.Fragment;
        var tokens = fragment.Tokens.AsSpan();
        var t = value.Index - 1;
        if (t < 1 || t + 2 >= tokens.Length) return;
        ref readonly var assign = ref tokens[t];
        if (!assign.IsSymbol('=') || !assign.IsAdded || assign.InDirective || !tokens[t + 2].IsSymbol(';') || !IsZero(fragment, value.Token)) return;
        var first = StatementStart(tokens, t);
        if (first < 0) return;
        var zero = fragment.Is(value.Token, "NULL") ? "NULL" : fragment.Is(value.Token, "false") ? "false" : "0";
        if (HasStatic(fragment, tokens, first, t)) value.Report(Static, zero);
        else if (IsFileScopeDeclaration(fragment, tokens, first, t)) value.Report(Global, zero);
    }

    private static bool IsZero(CFragment fragment, in CToken token)
    {
        if (token.Kind is CTokenKind.Identifier or CTokenKind.Keyword) return fragment.Is(token, "NULL") || fragment.Is(token, "false");
        if (token.Kind != CTokenKind.Number) return false;
        var text = fragment.TextOf(token);
        if (text.Length > 2 && text[0] == '0' && (text[1] | 0x20) == 'x') text = text[2..];
        var digits = 0;
        while (digits < text.Length && text[digits] == '0') digits++;
        if (digits == 0) return false;
        foreach (var c in text[digits..])
        {
            if ((c | 0x20) is not ('u' or 'l')) return false;
        }

        return true;
    }

    /// <summary>
    /// The first token of the declaration holding the '=' at <paramref name="assign"/> (or of the fragment), -1 when the
    /// '=' is inside parentheses (a for clause, a macro argument).
    /// </summary>
    private static int StatementStart(ReadOnlySpan<CToken> tokens, int assign)
    {
        for (var t = assign - 1; t >= 0; t--)
        {
            ref readonly var token = ref tokens[t];
            if (token.InDirective || token.IsComment) continue;
            if (token.IsSymbol(';') || token.IsSymbol('{') || token.IsSymbol('}')) return t + 1;
            if (token.IsSymbol('(') || token.IsSymbol(')')) return -1;
        }

        return 0;
    }

    private static bool HasStatic(CFragment fragment, ReadOnlySpan<CToken> tokens, int first, int assign)
    {
        for (var t = first; t < assign; t++)
        {
            if (tokens[t].Kind == CTokenKind.Keyword && fragment.Is(tokens[t], "static")) return true;
        }

        return false;
    }

    /// <summary>A declaration that starts a line at column 0 (checkpatch's sign of file scope) and names a type first.</summary>
    private static bool IsFileScopeDeclaration(CFragment fragment, ReadOnlySpan<CToken> tokens, int first, int assign)
    {
        while (first < assign && (tokens[first].IsComment || tokens[first].InDirective)) first++;
        if (first >= assign - 1) return false;
        ref readonly var start = ref tokens[first];
        if (start.Start != 0 || tokens[first].Line != tokens[assign].Line) return false;
        if (start.Kind == CTokenKind.Keyword && (fragment.Is(start, "return") || fragment.Is(start, "extern") || fragment.Is(start, "typedef"))) return false;
        for (var t = first; t < assign; t++)
        {
            ref readonly var token = ref tokens[t];
            if (token.Kind is not (CTokenKind.Identifier or CTokenKind.Keyword) && !token.IsSymbol('*')) return false;
        }

        return tokens[assign - 1].Kind == CTokenKind.Identifier;
    }
}
