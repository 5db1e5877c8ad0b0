using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>
/// QEMU's declaration-order checks: storage class first, <c>inline</c> between storage class and type, no extern
/// declarations or prototypes in <c>.c</c> files, and a function's <c>(</c> on the line of its name.
/// </summary>
[DiffLintRule]
public sealed class QemuDeclarationRule : PatchRule
{
    public static readonly RuleDescriptor StorageClassFirst = new(
        id: "DL4028",
        name: "storage-class-first",
        title: "Storage class not at the beginning of the declaration",
        messageFormat: "storage class should be at the beginning of the declaration",
        category: "Style",
        defaultSeverity: Severity.Error,
        qemuCheckpatchType: "Q_STORAGE_CLASS_FIRST",
        profiles: ["qemu"],
        documentation: """
            ## What it does
            Reports `static`, `extern` or `asmlinkage` on an added line when it is not the line's first word:
            `const static int x;`, `int static f(void)`, or a `#define` whose body is a declaration
            (`#define DECLARE_MASK(lib) extern unsigned lib##_mask`).

            ## Why it matters
            C11 calls a storage class anywhere but first obsolescent (6.11.5), and readers look for it at the start
            of the line. In a macro body it hides the storage class of every declaration the macro makes.

            ## Example
            ```diff
            +const static char *names[] = { "a", "b" };
            ```
            Write `static const char *names[]`.

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor ExternInC = new(
        id: "DL4030",
        name: "extern-in-c-file",
        title: "Extern declaration in a .c file",
        messageFormat: "externs should be avoided in .c files",
        category: "Style",
        defaultSeverity: Severity.Error,
        qemuCheckpatchType: "Q_EXTERN_IN_C",
        profiles: ["qemu"],
        documentation: """
            ## What it does
            In a `.c` file, reports an added declaration that starts with `extern`, and a non-static function
            prototype (`int foo(int x);`): a type, the function name, its parameter list and `;`. Static prototypes,
            definitions and calls are not reported.

            ## Why it matters
            A declaration of something defined elsewhere belongs in the header of the file that defines it, where
            the compiler checks both sides against each other. A copy in a `.c` file silently goes stale when the
            definition changes.

            ## Example
            ```diff
            +extern char **environ;
            +int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
            ```
            Include the header that declares them.

            Unlike checkpatch, a prototype returning a pointer (`char *foo(void);`) is reported too: checkpatch
            misses it only because its pattern wants a blank before the name.

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor InlineLocation = new(
        id: "DL4048",
        name: "qemu-inline-location",
        title: "inline not between storage class and type",
        messageFormat: "inline keyword should sit between storage class and type",
        category: "Style",
        defaultSeverity: Severity.Error,
        qemuCheckpatchType: "Q_INLINE_LOCATION",
        profiles: ["qemu"],
        documentation: """
            ## What it does
            Reports `inline` written after the type (`static int inline f(void)`) or before the storage class
            (`inline static int f(void)`).

            ## Why it matters
            `static inline int` is how every QEMU header spells it; other orders are legal but read as mistakes and
            `inline` after the type is obsolescent.

            ## Example
            ```diff
            +static uint32_t inline reg_read(S *s)
            ```
            Write `static inline uint32_t reg_read(S *s)`.

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor FunctionArgsFollowName = new(
        id: "DL4049",
        name: "function-args-follow-name",
        title: "Function parameters not on the line of the name",
        messageFormat: "arguments for function declarations should follow identifier",
        category: "Style",
        defaultSeverity: Severity.Error,
        qemuCheckpatchType: "Q_FUNC_ARGS_FOLLOW_NAME",
        profiles: ["qemu"],
        documentation: """
            ## What it does
            In a `.c` file, reports a function declaration or definition (a type, then the name) whose `(` is on a
            later line than the name.

            ## Why it matters
            `git grep 'foo('` and the tags tools find a function by its name followed by `(`; a line break between
            them hides it.

            ## Example
            ```diff
            +static void
            +vga_update
            +(VGACommonState *s)
            ```

            ## Configuration
            QEMU profile only.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [StorageClassFirst, ExternInC, InlineLocation, FunctionArgsFollowName];

    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterIdentifierAction(AnalyzeStorageClass, RegisteredNames.Of("static", "extern", "asmlinkage"));
        registration.RegisterIdentifierAction(AnalyzeInline, "inline");
        registration.RegisterCodeLineAction(AnalyzeDeclaration);
    }

    /// <summary>A storage class after the line's first code token; once a line.</summary>
    private void AnalyzeStorageClass(CTokenContext storage)
    {
        var fragment = storage.Fragment;
        if (storage.CodeIndex == 0 || !IsStorageClass(fragment, storage.Token)) return;
        // Looking back stops at the nearest one, so a line of many costs linear time.
        for (var t = storage.CodeIndex - 1; t > 0; t--)
        {
            if (IsStorageClass(fragment, storage.Code[t])) return;
        }

        storage.Report(StorageClassFirst);
    }

    private void AnalyzeInline(CTokenContext inline)
    {
        if (inline.Token.Kind == CTokenKind.Keyword && IsMisplacedInline(inline.Fragment, inline.Index)) inline.Report(InlineLocation);
    }

    /// <summary>A declaration that starts a line of a <c>.c</c> file.</summary>
    private void AnalyzeDeclaration(CodeLineContext line)
    {
        if (line.Code.IsEmpty || line.Code[0].InDirective || !line.Source.File.Path.EndsWith(".c", StringComparison.Ordinal)) return;
        var fragment = line.Fragment;
        var first = line.CLine.FirstToken;
        while (!fragment.Tokens.ItemRef(first).IsCode) first++;
        CheckDeclaration(line.Source, fragment, first);
    }

    private static bool IsStorageClass(CFragment fragment, in CToken token) =>
        token.Kind == CTokenKind.Keyword ? fragment.Is(token, "static") || fragment.Is(token, "extern")
            : token.Kind == CTokenKind.Identifier && fragment.Is(token, "asmlinkage");

    /// <summary><c>int inline</c> (a type right before it, with a blank between) or <c>inline static</c>.</summary>
    private static bool IsMisplacedInline(CFragment fragment, int index)
    {
        var tokens = fragment.Tokens;
        var before = CodeTokens.Previous(fragment, index);
        if (before >= 0 && tokens[before].Line == tokens[index].Line && tokens[before].End < tokens[index].Start
            && QemuTypes.IsTypeWord(fragment, before))
        {
            return true;
        }

        var after = CodeTokens.Next(fragment, index);
        return after >= 0 && tokens[after].Kind == CTokenKind.Keyword && (fragment.Is(tokens[after], "static") || fragment.Is(tokens[after], "extern"));
    }

    /// <summary>
    /// A declaration starting at <paramref name="first"/>: <c>extern ...</c>, or <c>type name(...)</c>, reported as an
    /// extern when <c>;</c> follows the parameter list and as misplaced arguments when <c>(</c> is on a later line.
    /// </summary>
    private static void CheckDeclaration(CSourceContext context, CFragment fragment, int first)
    {
        var tokens = fragment.Tokens;
        if (tokens[first].Kind == CTokenKind.Keyword && fragment.Is(tokens[first], "extern"))
        {
            context.Report(ExternInC, fragment, tokens[first]);
            return;
        }

        var name = SkipType(fragment, first);
        if (name < 0 || tokens[name].Kind != CTokenKind.Identifier) return;
        var open = CodeTokens.Next(fragment, name);
        if (open < 0 || !tokens[open].IsSymbol('(')) return;
        if (tokens[open].Line != tokens[name].Line) context.Report(FunctionArgsFollowName, fragment, tokens[first]);
        var close = MatchingClose(fragment, open);
        if (close < 0) return;
        var after = CodeTokens.Next(fragment, close);
        if (after >= 0 && tokens[after].IsSymbol(';')) context.Report(ExternInC, fragment, tokens[first]);
    }

    /// <summary>The token after a leading type (qualifiers, one type, stars), or -1 when <paramref name="first"/> does not start one.</summary>
    private static int SkipType(CFragment fragment, int first)
    {
        var tokens = fragment.Tokens;
        var t = first;
        while (t >= 0 && IsQualifier(fragment, t)) t = CodeTokens.Next(fragment, t);
        if (t < 0) return -1;
        var token = tokens[t];
        if (token.Kind == CTokenKind.Keyword && fragment.TextOf(token) is "struct" or "union" or "enum")
        {
            t = CodeTokens.Next(fragment, t);
            if (t < 0 || tokens[t].Kind != CTokenKind.Identifier) return -1;
            t = CodeTokens.Next(fragment, t);
        }
        else if (token.Kind == CTokenKind.Keyword && QemuTypes.IsBaseTypeKeyword(fragment.TextOf(token)))
        {
            while (t >= 0 && tokens[t].Kind == CTokenKind.Keyword && QemuTypes.IsBaseTypeKeyword(fragment.TextOf(tokens[t])))
            {
                t = CodeTokens.Next(fragment, t);
            }
        }
        else if (token.Kind == CTokenKind.Identifier && QemuTypes.IsTypeName(fragment.TextOf(token)))
        {
            t = CodeTokens.Next(fragment, t);
        }
        else
        {
            return -1;
        }

        while (t >= 0 && (tokens[t].IsSymbol('*') || IsQualifier(fragment, t))) t = CodeTokens.Next(fragment, t);
        return t;
    }

    private static bool IsQualifier(CFragment fragment, int index)
    {
        var token = fragment.Tokens[index];
        return token.Kind == CTokenKind.Keyword && fragment.TextOf(token) is "const" or "volatile" or "restrict" or "__restrict";
    }

    /// <summary>
    /// The <c>)</c> closing the parameter list that opens at <paramref name="open"/>, or -1; counted here rather
    /// than asked of the fragment's structure, which most fragments would otherwise build for this rule alone.
    /// </summary>
    private static int MatchingClose(CFragment fragment, int open)
    {
        var tokens = fragment.Tokens;
        var depth = 0;
        for (var t = open; t < tokens.Length; t++)
        {
            var token = tokens[t];
            if (token.InDirective || token.Kind != CTokenKind.Punctuation) continue;
            if (token.First == '(') depth++;
            else if (token.First == ')' && --depth == 0) return t;
            else if (token.First is '{' or '}' or ';') return -1;
        }

        return -1;
    }
}
