using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports <c>unsigned</c> or <c>signed</c> used as a whole type, without <c>int</c>.</summary>
[DiffLintRule]
public sealed class BareUnsignedRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3053",
        name: "bare-unsigned",
        title: "Bare unsigned or signed",
        messageFormat: "Prefer '{0} int{1}' to bare use of '{0}{1}'",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "UNSPECIFIED_INT",
        documentation: """
            ## What it does
            Reports `unsigned` or `signed` not followed by `char`, `short`, `int` or `long`, with only `*`s after it
            and then an optional name and `=`, `,`, `;`, `[`, `(` or `)`: declarations (`unsigned n;`,
            `unsigned *p`), function return types and casts (`(unsigned)x`, `sizeof(unsigned)`). Like checkpatch,
            a bit field (`unsigned flag : 1;`), a qualifier or attribute after the type (`unsigned const x`,
            `unsigned x __maybe_unused;`) and a sign word right after an unknown name (`local unsigned n;`, a
            macro checkpatch takes for a modifier) are not reported.

            ## Why it matters
            Kernel style spells the type out; `unsigned` alone reads like a word was lost.

            ## Example
            ```diff
            +	unsigned count = 0;
            ```
            should be `unsigned int count = 0;`.

            ## Configuration
            Kernel, git and U-Boot profiles (QEMU's checkpatch has no such check).
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterIdentifierAction(Analyze, RegisteredNames.Of("unsigned", "signed"));

    private void Analyze(CTokenContext context)
    {
        var fragment = context.Fragment;
        var tokens = fragment.Tokens;
        var t = context.Index;
        if (FollowsUnknownWord(fragment, t)) return;
        var next = CodeTokens.Next(fragment, t);
        var lastStar = t;
        while (next >= 0 && tokens[next].IsSymbol('*'))
        {
            lastStar = next;
            next = CodeTokens.Next(fragment, next);
        }

        if (next < 0) return;
        if (tokens[next].Kind is CTokenKind.Identifier or CTokenKind.Keyword)
        {
            if (fragment.TextOf(tokens[next]) is "char" or "short" or "int" or "long") return;
            next = CodeTokens.Next(fragment, next);
            if (next < 0) return;
        }

        var end = tokens[next];
        if (end.Length != 1 || end.First is not ('=' or ',' or ';' or '[' or '(' or ')') || end.Kind is not (CTokenKind.Operator or CTokenKind.Punctuation)) return;
        context.Report(Descriptor, context.Text.ToString(), PointerText(fragment, t, lastStar));
    }

    /// <summary>
    /// A name that is not an attribute comes right before the sign word (<c>local unsigned n;</c>): checkpatch
    /// learns such words as type modifiers from the declarations it reads and then no longer sees a bare type.
    /// </summary>
    private static bool FollowsUnknownWord(CFragment fragment, int sign)
    {
        var before = CodeTokens.Previous(fragment, sign);
        if (before < 0) return false;
        var token = fragment.Tokens[before];
        return token.Kind == CTokenKind.Identifier && token.Line == fragment.Tokens[sign].Line && !DeclarationLine.IsAttribute(fragment.TextOf(token))
            && fragment.TextOf(token) is not ("asmlinkage" or "__always_inline" or "noinline" or "__inline" or "__inline__");
    }

    /// <summary>The source text from after the sign word to its last <c>*</c> (<c>" *"</c>, <c>"*"</c>, <c>" **"</c>), or empty.</summary>
    private static string PointerText(CFragment fragment, int sign, int lastStar)
    {
        if (lastStar == sign) return "";
        var tokens = fragment.Tokens;
        if (tokens[sign].Line != tokens[lastStar].Line) return " *";
        return fragment.Lines[tokens[sign].Line].Text[tokens[sign].End..tokens[lastStar].End].ToString();
    }
}
