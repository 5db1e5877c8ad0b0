using System.Buffers;
using System.Text.Json;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Reporting;

/// <summary>
/// <c>--format patchwork-check</c>: a JSON array with, for each analysed patch, the Patchwork check to post to
/// <c>/api/1.3/patches/{patch_id}/checks/</c> (docs/patchwork.md). State by the worst finding: error → fail,
/// warning → warning, otherwise success. <c>patch_id</c> is the Patchwork id when the input was Patchwork JSON,
/// else null (look it up by <c>message_id</c>).
/// </summary>
public sealed class PatchworkCheckReporter : IReporter
{
    public const int MaxTargetUrlLength = 200;
    public const int MaxDescriptionLength = 255;

    private readonly string _context;
    private readonly string? _targetUrl;

    /// <param name="context">Patchwork context slug, <c>^[-a-zA-Z0-9_]+$</c>, at most 255 characters.</param>
    /// <param name="targetUrl">Link for the check (CI log, SARIF viewer); dropped (null) when longer than 200 characters.</param>
    public PatchworkCheckReporter(string context = "difflint", string? targetUrl = null)
    {
        if (!IsValidContext(context))
        {
            throw new ArgumentException($"invalid Patchwork check context '{context}': expected 1-255 characters of [-a-zA-Z0-9_]", nameof(context));
        }

        _context = context;
        _targetUrl = string.IsNullOrEmpty(targetUrl) || targetUrl.Length > MaxTargetUrlLength ? null : targetUrl;
    }

    public static bool IsValidContext(string? context) =>
        context is { Length: > 0 and <= 255 } && !context.AsSpan().ContainsAnyExcept(ContextCharacters);

    /// <summary>The array as the patches come: each check is written when its patch is reported.</summary>
    public IReportWriter Start(IReadOnlyList<RuleDescriptor> rules, IReadOnlyList<InputSource> inputs, TextWriter writer)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        var json = new Utf8JsonWriter(buffer, FingerprintedJson.WriterOptions);
        json.WriteStartArray();
        void Flush()
        {
            json.Flush();
            writer.Write(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
            buffer.ResetWrittenCount();
        }

        return new LineReportWriter(report =>
        {
            if (Entry(report) is not { } entry) return;
            JsonSerializer.Serialize(json, entry, ReportJsonContext.Output.PatchworkCheckEntry);
            Flush();
        }, _ =>
        {
            json.WriteEndArray();
            Flush();
            json.Dispose();
            writer.Write('\n');
        });
    }

    public IReadOnlyList<PatchworkCheckEntry> Build(RunResult result) => [.. result.Reports.Select(Entry).OfType<PatchworkCheckEntry>()];

    /// <summary>The check of an analysed patch; null for the other mails.</summary>
    private PatchworkCheckEntry? Entry(PatchReport r) => r.Patch.IsAnalysed
        ? new PatchworkCheckEntry(r.Patch.Patchwork?.Id, r.Patch.MessageId, r.Patch.Subject.Raw,
            new PatchworkCheck(State(r.Diagnostics), _context, Description(r.Diagnostics), _targetUrl))
        : null;

    public static string State(IEnumerable<Diagnostic> diagnostics)
    {
        var (errors, warnings, _) = ReportCounts.Count(diagnostics);
        return errors > 0 ? "fail" : warnings > 0 ? "warning" : "success";
    }

    /// <summary>"2 errors, 1 warning (DL1001, DL2001)", "no findings"; never longer than 255 characters.</summary>
    public static string Description(IReadOnlyCollection<Diagnostic> diagnostics)
    {
        if (diagnostics.Count == 0) return "no findings";
        var (errors, warnings, notes) = ReportCounts.Count(diagnostics);
        var text = $"{ReportCounts.Plural(errors, "error")}, {ReportCounts.Plural(warnings, "warning")}";
        if (notes > 0) text += ", " + ReportCounts.Plural(notes, "note");
        var ids = diagnostics.Select(d => d.Id).Distinct().Order(StringComparer.Ordinal).ToList();
        var withIds = $"{text} ({string.Join(", ", ids)})";
        if (withIds.Length <= MaxDescriptionLength) return withIds;
        // Too many rules to list: keep as many IDs as fit.
        var kept = new List<string>();
        foreach (var id in ids)
        {
            if ($"{text} ({string.Join(", ", kept.Append(id))}, …)".Length > MaxDescriptionLength) break;
            kept.Add(id);
        }

        return $"{text} ({string.Join(", ", kept)}, …)";
    }

    private static readonly SearchValues<char> ContextCharacters =
        SearchValues.Create("-_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
}
