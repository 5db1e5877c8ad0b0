using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a <c>default:</c> label followed by an empty statement.</summary>
[DiffLintRule]
public sealed class DefaultNoBreakRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3151",
        name: "default-no-break",
        title: "default: followed by an empty statement",
        messageFormat: "switch default: should use break",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "DEFAULT_NO_BREAK",
        documentation: """
            ## What it does
            Reports `default:` followed by a lone `;`, as kernel checkpatch does: on the line of the statement that holds it, that is on the first of the plain `case X:` labels written right before it, when that line is added.

            ## Why it matters
            An empty statement after `default:` is there only because a label needs one; `break;` says what happens.

            ## Example
            ```diff
            +	default:
            +		;
            +	}
            ```

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterIdentifierAction(Analyze, RegisteredNames.Of("case", "default"));

    /// <summary>
    /// At a label that starts a statement and its line: reported when it and the plain <c>case NAME:</c> labels after
    /// it lead to <c>default: ;</c> (the <c>default</c> itself may be on a line the patch keeps).
    /// </summary>
    private void Analyze(CTokenContext context)
    {
        var fragment = context.Fragment;
        var tokens = fragment.Tokens;
        var first = context.Index;
        var before = CodeTokens.Previous(fragment, first);
        if (before >= 0 && !(tokens[before].IsSymbol(';') || tokens[before].IsSymbol('{') || tokens[before].IsSymbol('}'))) return;
        if (!CodeTokens.StartsLine(fragment, first)) return;
        var label = DefaultFrom(fragment, first);
        if (label < 0) return;
        var colon = CodeTokens.Next(fragment, label);
        if (colon < 0 || !fragment.Is(tokens[colon], ":")) return;
        var empty = CodeTokens.Next(fragment, colon);
        if (empty < 0 || !tokens[empty].IsSymbol(';')) return;
        context.Report(Descriptor);
    }

    /// <summary>The <c>default</c> label at <paramref name="label"/> or right after the plain <c>case NAME:</c> labels there, or -1.</summary>
    private static int DefaultFrom(CFragment fragment, int label)
    {
        var tokens = fragment.Tokens;
        while (fragment.Is(tokens[label], "case"))
        {
            var value = CodeTokens.Next(fragment, label);
            if (value < 0 || tokens[value].Kind is not (CTokenKind.Identifier or CTokenKind.Number)) return -1;
            var colon = CodeTokens.Next(fragment, value);
            if (colon < 0 || !fragment.Is(tokens[colon], ":")) return -1;
            label = CodeTokens.Next(fragment, colon);
            if (label < 0) return -1;
        }

        var token = tokens[label];
        return token.Kind == CTokenKind.Keyword && !token.InDirective && fragment.Is(token, "default") ? label : -1;
    }
}
