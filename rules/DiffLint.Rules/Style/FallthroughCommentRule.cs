using System.Collections.Immutable;
using System.Text.RegularExpressions;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a <c>/* fall through */</c>-style comment where the <c>fallthrough;</c> pseudo keyword is meant.</summary>
[DiffLintRule]
public sealed partial class FallthroughCommentRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3058",
        name: "fallthrough-comment",
        title: "Fall-through comment instead of fallthrough;",
        messageFormat: "Prefer 'fallthrough;' over fallthrough comment",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "PREFER_FALLTHROUGH",
        documentation: """
            ## What it does
            Reports an added line whose comment text says fall through the ways checkpatch knows: `fallthrough`,
            `fall through`, `falls through`, `fall-thru`, `Fall through`, `FALLTHROUGH`, `intentionally fall
            through` ... anywhere in the comment, the continuation lines of a block comment included.

            ## Why it matters
            Since Linux 5.9 the `fallthrough;` pseudo keyword marks an intended fall-through for the compiler's
            `-Wimplicit-fallthrough`; a comment is only seen by some compilers and is easily lost.

            ## Example
            ```diff
            +	case 2:
            +		y = 3;
            +		/* fall through */
            +	case 3:
            ```
            should use `fallthrough;`.

            ## Configuration
            Kernel, git and U-Boot profiles (QEMU's checkpatch has no such check).
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterTokenAction(Analyze, CTokenKind.Comment, CTokenKind.LineComment);

    [GeneratedRegex(
        "fallthrough|intentional(?:ly)?[ \\t]*fall(?:(?:s | |-)[Tt]|t)hr(?:ough|u|ew)|FALL(?:S | |-)?THR(?:OUGH|U|EW)|Fall(?:(?:s | |-)[Tt]|t)hr(?:ough|u|ew)|fall(?:s | |-)?thr(?:ough|u|ew)",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex FallThroughWords();

    /// <summary>Reported once per line, at the first comment that says so.</summary>
    private void Analyze(CTokenContext context)
    {
        if (!SaysFallThrough(context.Text)) return;
        var fragment = context.Fragment;
        for (var earlier = context.Index - 1; earlier >= fragment.Lines.ItemRef(context.Line).FirstToken; earlier--)
        {
            if (fragment.Tokens[earlier].IsComment && SaysFallThrough(fragment.TextOf(fragment.Tokens[earlier]))) return;
        }

        context.Report(Descriptor);
    }

    /// <summary>The pattern is a plain alternation and runs in linear time; the timeout only bounds the unforeseen.</summary>
    private static bool SaysFallThrough(ReadOnlySpan<char> comment)
    {
        // Every spelling has "fall" in some case: a cheap test before the pattern.
        if (!comment.Contains("fall", StringComparison.OrdinalIgnoreCase)) return false;
        try
        {
            return FallThroughWords().IsMatch(comment);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
