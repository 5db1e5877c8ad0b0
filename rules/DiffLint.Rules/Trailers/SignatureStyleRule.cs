using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;
using DiffLint.Core.Profiles;

namespace DiffLint.Rules.Trailers;

/// <summary>The form of a person tag: a known tag, spelt with the usual case, at the start of the line, one space after the colon.</summary>
[DiffLintRule]
public sealed class SignatureStyleRule : PatchRule
{
    /// <summary>checkpatch's <c>$signature_tags</c>: the person tags of Documentation/process/submitting-patches.rst.</summary>
    private static readonly string[] StandardTags =
        ["Signed-off-by", "Co-developed-by", "Acked-by", "Tested-by", "Reviewed-by", "Reported-by", "Suggested-by", "To", "Cc"];

    public static readonly RuleDescriptor NonStandardTag = new(
        id: "DL1004",
        name: "non-standard-trailer-tag",
        title: "Non-standard person tag",
        messageFormat: "Non-standard signature: {0}:{1}",
        category: "Trailer",
        defaultSeverity: Severity.Warning,
        checkpatchType: "BAD_SIGN_OFF",
        documentation: """
            ## What it does
            Reports an `Xxx-by:` line of the commit message whose tag is not one the project uses. When a standard tag is
            at most two edits away, the message suggests it (`Sigend-off-by:` → `Signed-off-by:`).

            ## Why it matters
            Tools (b4, patchwork, `git interpret-trailers`, the stable scripts) look for the standard tags by name. A
            misspelt `Signed-off-by:` is no sign-off at all; an invented tag is not understood by anyone.

            ## Example
            ```
            Co-authored-by: Jane Developer <jane@example.org>
            ```
            The kernel uses `Co-developed-by:` followed by the co-developer's `Signed-off-by:`.

            ## Configuration
            The standard set is the kernel's (Signed-off-by, Co-developed-by, Acked-by, Tested-by, Reviewed-by,
            Reported-by, Suggested-by), plus the profile's `ExtraTrailerTags` (git: Helped-by, Mentored-by,
            Co-authored-by, ...). `Assisted-by:` is left to the AI-attribution rules wherever the profile has an AI policy
            (kernel: accepted in the form `AGENT:MODEL`; QEMU: banned).
            """);

    public static readonly RuleDescriptor TagCase = new(
        id: "DL1005",
        name: "trailer-tag-case",
        title: "Person tag with unusual capitalisation",
        messageFormat: "'{0}:' is the preferred signature form",
        category: "Trailer",
        defaultSeverity: Severity.Warning,
        checkpatchType: "BAD_SIGN_OFF",
        qemuCheckpatchType: "Q_SIGNOFF_CASE",
        offersFix: false,
        documentation: """
            ## What it does
            Reports an `Xxx-by:` tag not written with a capital first letter and the rest lower case
            (`Signed-Off-By:`, `signed-off-by:`).

            ## Why it matters
            git's trailer tooling and many scripts match the tags case-sensitively; the usual spelling keeps them found.

            ## Example
            ```
            Signed-Off-By: Jane Developer <jane@example.org>
            ```

            ## Configuration
            """);

    public static readonly RuleDescriptor SpaceAfterColon = new(
        id: "DL1006",
        name: "trailer-space-after-colon",
        title: "Not exactly one space after a person tag",
        messageFormat: "Use a single space after {0}:",
        category: "Trailer",
        defaultSeverity: Severity.Warning,
        checkpatchType: "BAD_SIGN_OFF",
        qemuCheckpatchType: "Q_SIGNOFF_SPACE",
        documentation: """
            ## What it does
            Reports a person tag followed by no space, several spaces or a tab before the name.

            ## Why it matters
            `Signed-off-by:Jane` is not recognised as a trailer by `git interpret-trailers`, and odd spacing breaks the
            simple greps maintainers use to collect tags.

            ## Example
            ```
            Reviewed-by:  Jane Developer <jane@example.org>
            ```

            ## Configuration
            """);

    public static readonly RuleDescriptor LeadingWhitespace = new(
        id: "DL1007",
        name: "trailer-leading-whitespace",
        title: "Whitespace before a person tag",
        messageFormat: "Do not use whitespace before {0}:",
        category: "Trailer",
        defaultSeverity: Severity.Warning,
        checkpatchType: "BAD_SIGN_OFF",
        documentation: """
            ## What it does
            Reports an indented person tag (`    Signed-off-by: ...`) in the commit message.

            ## Why it matters
            An indented line is not a trailer for git: the sign-off is silently lost when the patch is applied and the
            trailers are interpreted.

            ## Example
            ```
                Signed-off-by: Jane Developer <jane@example.org>
            ```

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [NonStandardTag, TagCase, SpaceAfterColon, LeadingWhitespace];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        if (patch.Kind != MessageKind.Patch || patch.Headers.Count == 0) return;
        var profile = context.Profile;
        foreach (var line in context.GetValue(SignatureLine.OfPatch))
        {
            var tagEnd = line.TagStart + line.Tag.Length + 1;
            if (!IsKnown(line.Tag, profile))
            {
                var suggestion = Suggest(line.Tag, profile);
                context.Report(NonStandardTag, Locations.InMessage(line.Line, line.MessageLineIndex, line.TagStart, tagEnd),
                    line.Tag, suggestion is null ? "" : $" - perhaps '{suggestion}:'?");
            }

            if (line.TagStart > 0)
            {
                context.Report(LeadingWhitespace, Locations.InMessage(line.Line, line.MessageLineIndex, 0, line.TagStart), Canonical(line.Tag));
            }

            if (line.Tag.EndsWith("-by", StringComparison.OrdinalIgnoreCase) && !IsCanonical(line.Tag))
            {
                context.Report(TagCase, Locations.InMessage(line.Line, line.MessageLineIndex, line.TagStart, tagEnd), Canonical(line.Tag));
            }

            if (line.Value.Length > 0 && line.SpaceAfterColon is not " ")
            {
                context.Report(SpaceAfterColon, Locations.InMessage(line.Line, line.MessageLineIndex, tagEnd, line.ValueStart), Canonical(line.Tag));
            }
        }
    }

    /// <summary>Capital first letter, the rest lower case: <c>Signed-off-by</c>.</summary>
    private static string Canonical(string tag) =>
        tag.Length == 0 ? tag : string.Concat(char.ToUpperInvariant(tag[0]).ToString(), tag[1..].ToLowerInvariant());

    /// <summary>Whether <paramref name="tag"/> is its own <see cref="Canonical"/> form, without building that (tags are ASCII).</summary>
    private static bool IsCanonical(string tag)
    {
        if (tag.Length == 0) return true;
        if (tag[0] != char.ToUpperInvariant(tag[0])) return false;
        foreach (var c in tag.AsSpan(1))
        {
            if (c != char.ToLowerInvariant(c)) return false;
        }

        return true;
    }

    private static bool IsKnown(string tag, Profile profile)
    {
        // Loops, not Array.Exists and Enumerable.Contains: a closure, a delegate and an enumerator per signature line.
        if (IsOneOf(tag, StandardTags) || IsOneOf(tag, profile.ExtraTrailerTags.AsSpan())) return true;
        return profile.AiAttribution != AiAttributionPolicy.NotChecked && tag.Equals("Assisted-by", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsOneOf(string tag, ReadOnlySpan<string> tags)
    {
        foreach (var known in tags)
        {
            if (known.Equals(tag, StringComparison.OrdinalIgnoreCase)) return true;
        }

        return false;
    }

    /// <summary>The known tag at most two edits from <paramref name="tag"/>, as checkpatch's find_standard_signature does.</summary>
    private static string? Suggest(string tag, Profile profile)
    {
        var and = tag.IndexOf("-and-", StringComparison.OrdinalIgnoreCase);
        if (and > 0) return $"{Canonical(tag[..and])}-by:' and '{Canonical(tag[(and + 5)..])}";
        foreach (var candidate in StandardTags.Concat(profile.ExtraTrailerTags))
        {
            if (candidate.Length > 2 && EditDistance(tag.ToLowerInvariant(), candidate.ToLowerInvariant()) <= 2) return candidate;
        }

        return null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
