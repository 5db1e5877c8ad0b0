using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Trailers;

/// <summary>Reports a trailer that repeats an earlier one word for word.</summary>
[DiffLintRule]
public sealed class DuplicateTrailerRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL1010",
        name: "duplicate-trailer",
        title: "Duplicate trailer",
        messageFormat: "Duplicate '{0}' trailer: line {1} already says the same",
        category: "Trailer",
        defaultSeverity: Severity.Warning,
        checkpatchType: "BAD_SIGN_OFF",
        qemuCheckpatchType: "Q_DUPLICATE_TRAILER",
        documentation: """
            ## What it does
            Reports a trailer (a person tag anywhere in the message, or any `Key: value` line of the trailer block) that
            repeats an earlier one, ignoring case and whitespace.

            ## Why it matters
            Duplicates come from re-collecting tags with b4 or from `git commit -s` on an already signed-off commit; they
            end up in the history as noise and make tag counting (e.g. for reviews) wrong.

            ## Example
            ```
            Reviewed-by: Jane Developer <jane@example.org>
            Signed-off-by: John Hacker <john@example.org>
            Reviewed-by: Jane Developer <jane@example.org>
            ```

            ## Configuration
            Cover letters are not commits and are not checked. Mail headers quoted in the body of the message (a
            forwarded mail) are not trailers and are not compared.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private static void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        if (patch.Kind != MessageKind.Patch || patch.Headers.Count == 0) return;

        var candidates = new SortedDictionary<int, string>();
        foreach (var line in context.GetValue(SignatureLine.OfPatch)) candidates[line.MessageLineIndex] = line.Tag;
        foreach (var trailer in patch.Trailers) candidates[trailer.MessageLineIndex] = trailer.Key;

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (index, key) in candidates)
        {
            var line = patch.CommitMessage[index];
            var normalized = Normalize(line.Span);
            if (seen.TryGetValue(normalized, out var first))
            {
                context.Report(Descriptor, Locations.InMessage(line, index, 0, line.Text.Length), key, first);
            }
            else seen.Add(normalized, line.InputLine);
        }
    }

    private static string Normalize(ReadOnlySpan<char> line)
    {
        var buffer = new System.Text.StringBuilder(line.Length);
        foreach (var c in line)
        {
            if (!char.IsWhiteSpace(c)) buffer.Append(char.ToLowerInvariant(c));
        }

        return buffer.ToString();
    }
}
