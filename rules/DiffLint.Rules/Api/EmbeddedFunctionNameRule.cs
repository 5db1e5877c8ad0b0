using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports a string that spells the name of the function it is in, instead of <c>"%s", __func__</c>.</summary>
[DiffLintRule]
public sealed class EmbeddedFunctionNameRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3098", "embedded-function-name", "Function name spelled in a string",
        "Prefer using '\"%s...\", __func__' to using '{0}', this function's name, in a string", "EMBEDDED_FUNCTION_NAME", """
            ## What it does
            Reports an added line whose first string literal contains, as a whole word, the name of the function the
            line is in (from the function's definition in the hunk, or the hunk header), unless the string is
            exactly that name.

            ## Why it matters
            A function renamed later keeps printing its old name; `"%s: ...", __func__` stays right and lets the
            same format be shared.

            ## Example
            ```diff
            @@ -40,6 +40,8 @@ static int foo_probe(struct platform_device *pdev)
            +	if (ret)
            +		dev_err(dev, "foo_probe: clock failed\n");
            ```
            Write `dev_err(dev, "%s: clock failed\n", __func__);`.

            ## Configuration
            Kernel and U-Boot profiles. checkpatch keeps the function of the hunk header until an added line closes a
            function; DiffLint uses the function the line really belongs to, so a string in the next function
            (whose definition the hunk shows) is checked against that function's name.
            """, category: "Style");

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterTokenAction(Analyze, CTokenKind.String);

    private void Analyze(CTokenContext literal)
    {
        var fragment = literal.Fragment;
        if (!IsWhole(literal.Token) || FollowsWholeString(fragment, literal.Index) || literal.EnclosingFunction is not { } function) return;
        var text = literal.Text;
        if (text.Length != function.Name.Length + 2 && ContainsWord(text, function.Name)) literal.Report(Descriptor, function.Name);
    }

    /// <summary>A string literal that starts and ends on its line (checkpatch does not read one continued with a backslash).</summary>
    private static bool IsWhole(in CToken literal) =>
        (literal.Flags & (CTokenFlags.ContinuedFromPreviousLine | CTokenFlags.ContinuesOnNextLine)) == 0;

    /// <summary>True when a whole string literal comes before <paramref name="literal"/> on its line: checkpatch reads the first.</summary>
    private static bool FollowsWholeString(CFragment fragment, int literal)
    {
        var tokens = fragment.Tokens.AsSpan();
        for (var t = literal - 1; t >= fragment.Lines[tokens[literal].Line].FirstToken; t--)
        {
            if (tokens[t].Kind == CTokenKind.String && IsWhole(tokens[t])) return true;
        }

        return false;
    }

    private static bool ContainsWord(ReadOnlySpan<char> text, string word)
    {
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; )
        {
            var end = at + word.Length;
            if ((at == 0 || !IsWord(text[at - 1])) && (end == text.Length || !IsWord(text[end]))) return true;
            var next = text[(at + 1)..].IndexOf(word, StringComparison.Ordinal);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return false;
    }

    private static bool IsWord(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
