using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a CVS/RCS keyword marker (<c>$Id</c>, <c>$Revision</c>, <c>$Log</c>).</summary>
[DiffLintRule]
public sealed class CvsKeywordRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3159",
        name: "cvs-keyword",
        title: "CVS keyword marker",
        messageFormat: "CVS style keyword markers, these will _not_ be updated",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "CVS_KEYWORD",
        documentation: """
            ## What it does
            Reports an added line of a C file holding `$Id`, `$Revision` or `$Log` anywhere (code, comment or string), as kernel checkpatch does.

            ## Why it matters
            Git does not expand these keywords: the marker stays as written and soon says something false.

            ## Example
            ```diff
            + * $Id: foo.c,v 1.4 2004/01/12 foo Exp $
            ```

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCodeLineAction(Analyze);

    /// <summary>The line's text, code, comments and literals alike: reported at the first marker.</summary>
    private void Analyze(CodeLineContext context)
    {
        var text = context.Text;
        for (var at = text.IndexOf('$'); at >= 0; at = NextDollar(text, at))
        {
            var rest = text[(at + 1)..];
            if (!rest.StartsWith("Id") && !rest.StartsWith("Revision") && !rest.StartsWith("Log")) continue;
            context.Report(Descriptor, at, at + 1, null);
            return;
        }
    }

    private static int NextDollar(ReadOnlySpan<char> text, int at)
    {
        var next = text[(at + 1)..].IndexOf('$');
        return next < 0 ? -1 : at + 1 + next;
    }
}
