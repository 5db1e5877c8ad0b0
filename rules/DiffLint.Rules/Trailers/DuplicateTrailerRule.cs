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

    private void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        if (patch.Kind != MessageKind.Patch || patch.Headers.Count == 0) return;

        var signatures = context.GetValue(SignatureLine.OfPatch);
        var trailers = patch.Trailers;
        if (signatures.Length + trailers.Length < 2) return;

        // The lines in message order, once each, merged from the two lists (each in message order): a line that is both
        // names the trailer's key. A merge, where a list of both sorted by line cost a sort and its generic code per patch.
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var seenLookup = seen.GetAlternateLookup<ReadOnlySpan<char>>();
        char[]? buffer = null;
        for (int s = 0, t = 0; s < signatures.Length || t < trailers.Length;)
        {
            var signatureIndex = s < signatures.Length ? signatures[s].MessageLineIndex : int.MaxValue;
            var trailerIndex = t < trailers.Length ? trailers[t].MessageLineIndex : int.MaxValue;
            int index;
            string key;
            if (trailerIndex <= signatureIndex)
            {
                (index, key) = (trailerIndex, trailers[t++].Key);
                if (signatureIndex == trailerIndex) s++;
            }
            else (index, key) = (signatureIndex, signatures[s++].Tag);

            var line = patch.CommitMessage[index];
            if (buffer is null || buffer.Length < line.Text.Length) buffer = new char[Math.Max(line.Text.Length, 128)];
            var normalized = Normalize(line.Span, buffer);
            if (seenLookup.TryGetValue(normalized, out var first))
            {
                context.Report(Descriptor, Locations.InMessage(line, index, 0, line.Text.Length), key, first);
            }
            else seenLookup[normalized] = line.InputLine;
        }
    }

    /// <summary>The line without whitespace, in lower case, written into <paramref name="buffer"/>.</summary>
    private static ReadOnlySpan<char> Normalize(ReadOnlySpan<char> line, char[] buffer)
    {
        var length = 0;
        foreach (var c in line)
        {
            // Printable ASCII inline: the framework's calls for the rest.
            if (c is > ' ' and < '\u007f') buffer[length++] = char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;
            else if (!char.IsWhiteSpace(c)) buffer[length++] = char.ToLowerInvariant(c);
        }

        return buffer.AsSpan(0, length);
    }
}
