using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;
using DiffLint.Core.Profiles;

namespace DiffLint.Rules.Trailers;

/// <summary>The name and address a person tag carries: parsable, cleanly quoted, nothing stray after it.</summary>
[DiffLintRule]
public sealed class TrailerAddressRule : PatchRule
{
    public static readonly RuleDescriptor Unparsable = new(
        id: "DL1008",
        name: "trailer-bad-address",
        title: "Person tag without a usable email address",
        messageFormat: "Unrecognized email address: '{0}'",
        category: "Trailer",
        defaultSeverity: Severity.Error,
        checkpatchType: "BAD_SIGN_OFF",
        documentation: """
            ## What it does
            Reports a person tag (`Signed-off-by:`, `Reviewed-by:`, ..., `Cc:` in the trailer block) whose value holds no
            well-formed `name <local@domain>` or bare `local@domain`: an empty value, a tool name, an unclosed `<`.

            ## Why it matters
            A sign-off certifies the DCO by a reachable person; tools (b4, get_maintainer, git send-email's `--cc-cmd`)
            mail the addresses in the trailers. A tag with no address certifies nothing and reaches no one.

            ## Example
            ```
            Reported-by: SVACE static analyzer
            ```
            Credit a tool in prose ("Found by the SVACE static analyzer") rather than in a person tag.

            ## Configuration
            `Assisted-by:` (which names an agent, not a person) is skipped where the profile has an AI-attribution policy.
            DiffLint decodes quoted-printable mail first, so a sign-off split by a soft line break is not reported.
            """);

    public static readonly RuleDescriptor Malformed = new(
        id: "DL1009",
        name: "trailer-address-form",
        title: "Badly formed name or address in a person tag",
        messageFormat: "{0}",
        category: "Trailer",
        defaultSeverity: Severity.Warning,
        checkpatchType: "BAD_SIGN_OFF",
        documentation: """
            ## What it does
            Reports a person tag whose address parses but is untidy: text after the `>` that is neither a `# comment` nor a
            `(comment)`, a comment inside the angle brackets, several name comments, a badly quoted name (a quote that
            does not close, or quotes around only part of the name), or odd spacing (`Jane<jane@example.org>`, doubled
            spaces in the name).

            ## Why it matters
            Trailing text is usually a pasted signature or a line that lost its break, and ends up in the commit;
            mail tools that read the tags choke on stray quotes and comments.

            ## Example
            ```
            Signed-off-by: Jane Developer <jane@example.org> Best regards,
            ```

            ## Configuration
            """);

    public static readonly RuleDescriptor StableAddress = new(
        id: "DL1015",
        name: "stable-address-style",
        title: "stable@ address with a display name or a non-# comment",
        messageFormat: "Invalid email format for stable: '{0}', prefer '{1}'",
        category: "Trailer",
        defaultSeverity: Severity.Warning,
        checkpatchType: "BAD_STABLE_ADDRESS_STYLE",
        documentation: """
            ## What it does
            Reports a `Cc: stable@vger.kernel.org` (or `stable@kernel.org`) written with a display name, or with a
            comment that does not start with `#`.

            ## Why it matters
            The stable scripts read the version hint from a `# 6.1.x` comment; any other form is ignored or misread.

            ## Example
            ```
            Cc: Stable Team <stable@vger.kernel.org> [6.1+]
            ```
            Write `Cc: stable@vger.kernel.org # 6.1+`.

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Unparsable, Malformed, StableAddress];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        if (patch.Kind != MessageKind.Patch || patch.Headers.Count == 0) return;
        foreach (var line in context.GetValue(SignatureLine.OfPatch))
        {
            if (line.Is("Assisted-by") && context.Profile.AiAttribution != AiAttributionPolicy.NotChecked) continue;
            var location = Locations.InMessage(line.Line, line.MessageLineIndex, line.ValueStart, line.Line.Text.Length);
            if (line.Person is not { } person)
            {
                context.Report(Unparsable, location, line.Value);
                continue;
            }

            if (IsStableAddress(person.Address))
            {
                if (person.Name.Length > 0 || (person.Trailing.Length > 0 && !person.Trailing.StartsWith('#')))
                {
                    context.Report(StableAddress, location, line.Value, StableForm(person));
                }

                continue;
            }

            if (Problem(person, line.Value) is { } problem) context.Report(Malformed, location, problem);
        }
    }

    private static string? Problem(Mailbox person, string value)
    {
        if (person.NameQuotingBroken) return $"Badly quoted name in email: '{value}'";
        if (person.AddressHasComment) return $"Address part of email should not have comments: '{value}'";
        if (person.NameComments > 1) return $"Use a single name comment in email: '{value}'";
        if (Tidy(value) is var tidy && tidy != value) return $"Email address '{value}' might be better as '{tidy}'";
        var trailing = person.Trailing;
        var acceptedComment = (trailing.StartsWith('#') && trailing.Length > 1) ||
            (trailing.Length > 2 && trailing[0] == '(' && trailing[^1] == ')');
        if (trailing.Length == 0 || acceptedComment) return null;
        var comment = trailing.Trim('[', ']', '>', ' ');
        return $"Unexpected content after email: '{value}', should be: '{person} ({comment})'";
    }

    /// <summary>The value with runs of whitespace folded to one space and a space before the <c>&lt;</c> of a named address.</summary>
    private static string Tidy(string value)
    {
        // Most values are tidy: the tidied characters go to a buffer, and a string is made only when they differ.
        // At most one character more: one space before the first '<'.
        var tidy = value.Length < 256 ? stackalloc char[value.Length + 1] : new char[value.Length + 1];
        var length = 0;
        var bracketSeen = false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                if (length > 0 && tidy[length - 1] != ' ') tidy[length++] = ' ';
                continue;
            }

            if (c == '<' && !bracketSeen && length > 0 && tidy[length - 1] != ' ') tidy[length++] = ' ';
            bracketSeen |= c == '<';
            tidy[length++] = c;
        }

        return tidy[..length].SequenceEqual(value) ? value : tidy[..length].ToString();
    }

    private static bool IsStableAddress(string address) =>
        address.Equals("stable@vger.kernel.org", StringComparison.OrdinalIgnoreCase) ||
        address.Equals("stable@kernel.org", StringComparison.OrdinalIgnoreCase);

    private static string StableForm(Mailbox person)
    {
        var comment = person.Trailing.Trim('(', ')', '[', ']', '#', ' ');
        return comment.Length == 0 ? person.Address : $"{person.Address} # {comment}";
    }
}
