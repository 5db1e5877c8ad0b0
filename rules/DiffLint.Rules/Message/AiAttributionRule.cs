using System.Collections.Immutable;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;
using DiffLint.Core.Profiles;

namespace DiffLint.Rules.Message;

/// <summary>
/// Applies the profile's policy on AI-tool attribution: QEMU declines AI-generated contributions, the kernel accepts
/// them with an <c>Assisted-by: AGENT:MODEL [tools]</c> trailer and nothing else.
/// </summary>
[DiffLintRule]
public sealed class AiAttributionRule : PatchRule
{
    public static readonly RuleDescriptor Banned = new(
        id: "DL1035",
        name: "ai-attribution-banned",
        title: "AI-generated contribution",
        messageFormat: "{0}: this project does not accept AI-generated contributions",
        category: "Message",
        defaultSeverity: Severity.Error,
        qemuCheckpatchType: "Q_AI_ATTRIBUTION",
        documentation: """
            ## What it does
            In projects that decline AI-generated code (QEMU, see its docs/devel/code-provenance.rst), reports a commit
            message that says an AI tool wrote part of the patch: an `Assisted-by:` or `Generated-by:` trailer, a
            `Co-authored-by:`/`Co-developed-by:`/`Signed-off-by:` naming an AI tool (Claude, Copilot, ChatGPT, GPT, Codex,
            Cursor, Gemini, Llama) or a `[bot]` account, or the robot emoji of generated-by lines.

            ## Why it matters
            The project cannot accept the Developer's Certificate of Origin for code whose provenance it cannot
            establish; such a patch will be rejected.

            ## Example
            ```
            Assisted-by: Claude:claude-opus-4.7
            Signed-off-by: A U Thor <author@example.org>
            ```

            ## Configuration
            Enabled by the profile's `AiAttribution = Banned` (QEMU).
            """);

    public static readonly RuleDescriptor AssistedByForm = new(
        id: "DL1036",
        name: "assisted-by-format",
        title: "AI attribution not in 'Assisted-by: AGENT:MODEL [tools]' form",
        messageFormat: "{0}: write AI attribution as 'Assisted-by: AGENT:MODEL [tool ...]'",
        category: "Message",
        defaultSeverity: Severity.Warning,
        documentation: """
            ## What it does
            In projects that accept AI-assisted patches with an attribution trailer (the Linux kernel, see
            Documentation/process/coding-assistants.rst), reports attribution in another form: an `Assisted-by:` value
            that is not `AGENT:MODEL` optionally followed by analysis tools (`Assisted-by: Claude:claude-3-opus coccinelle
            sparse`), a `Generated-by:` trailer, an AI tool named in `Co-developed-by:`, `Co-authored-by:` or
            `Signed-off-by:` (only a human can certify the DCO), or a robot-emoji "Generated with" line.

            ## Why it matters
            The kernel tracks AI involvement with this one trailer; tools count it by its form. An AI cannot sign off, and
            a free-form "Opus 4.7" does not say which agent and which model were used.

            ## Example
            ```
            Assisted-by: Claude Opus 4.6
            ```
            Write `Assisted-by: Claude:claude-opus-4.6`.

            ## Configuration
            Enabled by the profile's `AiAttribution = AssistedByAccepted` (kernel). checkpatch has no such check.
            """);

    private static readonly string[] AiNames = ["Claude", "Copilot", "ChatGPT", "GPT-", "Codex", "Cursor", "Gemini", "Llama", "[bot]"];

    private const string RobotEmoji = "\U0001F916";

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Banned, AssistedByForm];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        var policy = context.Profile.AiAttribution;
        if (policy == AiAttributionPolicy.NotChecked || !patch.HasCommitMessage) return;
        var lines = patch.CommitMessage;
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i].Span.Trim();
            var attribution = Attribution(text, out var value);
            if (attribution is null) continue;
            var location = Locations.InMessage(lines[i], i, 0, lines[i].Text.Length);
            var shown = text.Length <= 60 ? text.ToString() : string.Concat(text[..57], "...");
            if (policy == AiAttributionPolicy.Banned)
            {
                context.Report(Banned, location, shown);
            }
            else if (attribution != "Assisted-by" || !IsAgentModelForm(value))
            {
                context.Report(AssistedByForm, location, shown);
            }
        }
    }

    /// <summary>The kind of AI attribution the line is (the trailer key, or "emoji"), or null.</summary>
    private static string? Attribution(ReadOnlySpan<char> text, out ReadOnlySpan<char> value)
    {
        value = [];
        if (text.Contains(RobotEmoji, StringComparison.Ordinal)) return "emoji";
        var colon = text.IndexOf(':');
        if (colon <= 0) return null;
        var key = text[..colon];
        value = text[(colon + 1)..].Trim();
        if (key.Equals("Assisted-by", StringComparison.OrdinalIgnoreCase)) return "Assisted-by";
        if (key.Equals("Generated-by", StringComparison.OrdinalIgnoreCase)) return "Generated-by";
        var namesPerson = key.Equals("Co-authored-by", StringComparison.OrdinalIgnoreCase)
                          || key.Equals("Co-developed-by", StringComparison.OrdinalIgnoreCase)
                          || key.Equals("Signed-off-by", StringComparison.OrdinalIgnoreCase);
        return namesPerson && NamesAiTool(value) ? key.ToString() : null;
    }

    private static bool NamesAiTool(ReadOnlySpan<char> value)
    {
        foreach (var name in AiNames)
        {
            var at = IgnoreCaseSearch.IndexOf(value, name);
            // A whole word: "Cursor" in a surname such as "Precursory" does not count.
            if (at >= 0 && (at == 0 || !char.IsLetter(value[at - 1])) && (at + name.Length == value.Length || !char.IsLetter(value[at + name.Length]))) return true;
        }

        return false;
    }

    /// <summary><c>AGENT:MODEL</c> then optional tool names, all without spaces inside.</summary>
    private static bool IsAgentModelForm(ReadOnlySpan<char> value)
    {
        var space = value.IndexOf(' ');
        var first = space < 0 ? value : value[..space];
        var colon = first.IndexOf(':');
        return colon > 0 && colon < first.Length - 1 && first[(colon + 1)..].IndexOf(':') < 0;
    }
}
