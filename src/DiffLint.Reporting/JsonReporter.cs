using System.Text.Json;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;
using DiffLint.Reporting.Sarif;

namespace DiffLint.Reporting;

/// <summary>
/// <c>--format json</c>: DiffLint's own versioned schema (docs/json-format.md, docs/difflint-report.schema.json).
/// Patches, plain diffs and cover letters are listed in input order; replies and other mail are only counted
/// (<c>summary.skippedMails</c>). Serialized with System.Text.Json source generation.
/// </summary>
public sealed class JsonReporter(string? toolVersion = null) : IReporter
{
    public const string SchemaVersion = "1.1";

    private readonly string _version = toolVersion ?? ReportCounts.ToolVersion();

    public IReportWriter Start(IReadOnlyList<RuleDescriptor> rules, IReadOnlyList<InputSource> inputs, TextWriter writer) =>
        new Writer(_version, writer);

    /// <summary>
    /// The report as the patches come: each patch is serialized when it is reported; the fingerprints are filled in at
    /// the end (<see cref="FingerprintedJson"/>).
    /// </summary>
    private sealed class Writer : IReportWriter
    {
        private readonly TextWriter _writer;
        private readonly FingerprintedJson _output = new();
        private readonly SarifReporter _fingerprints = new();
        private int _errors, _warnings, _notes;

        public Writer(string version, TextWriter writer)
        {
            _writer = writer;
            var json = _output.Json;
            json.WriteStartObject();
            json.WriteString("schemaVersion", SchemaVersion);
            json.WritePropertyName("tool");
            JsonSerializer.Serialize(json, new JsonTool("DiffLint", version), ReportJsonContext.Output.JsonTool);
            json.WriteStartArray("patches");
        }

        public void Write(PatchReport report)
        {
            if (Patch(report, d => _fingerprints.FingerprintKey(report.Patch, d) is { } key ? _output.Fingerprint(key) : null) is not { } patch) return;
            var (e, w, n) = ReportCounts.Count(report.Diagnostics);
            _errors += e;
            _warnings += w;
            _notes += n;
            JsonSerializer.Serialize(_output.Json, patch, ReportJsonContext.Output.JsonPatch);
            _output.Flush();
        }

        public void End(RunResult result)
        {
            using (_output)
            {
                var json = _output.Json;
                json.WriteEndArray();
                json.WritePropertyName("errors");
                JsonSerializer.Serialize(json, Errors(result), ReportJsonContext.Output.IReadOnlyListJsonInputError);
                json.WritePropertyName("summary");
                JsonSerializer.Serialize(json, new JsonSummary(result.Statistics.Patches, _errors, _warnings, _notes, result.Statistics.SkippedMails),
                    ReportJsonContext.Output.JsonSummary);
                json.WriteEndObject();
                _output.CopyTo(_writer);
                _writer.Write('\n');
            }
        }
    }

    /// <summary>The JSON of one report, or null for the mails that are only counted.</summary>
    private static JsonPatch? Patch(PatchReport report, Func<Diagnostic, string?> fingerprint)
    {
        var p = report.Patch;
        var kind = p.Kind switch
        {
            MessageKind.Patch => "patch",
            MessageKind.CoverLetter => "cover-letter",
            MessageKind.PlainDiff => "plain-diff",
            _ => null,
        };
        if (kind is null) return null;
        return new JsonPatch(
            p.Source.DisplayName, p.MessageIndex, kind,
            p.Subject.Raw, p.Subject.Position, p.Subject.Version, p.MessageId, p.Author, p.CommitId,
            p.Patchwork is { } pw ? new JsonPatchwork(pw.Id, pw.ProjectLinkName ?? pw.ProjectName, pw.SeriesId, pw.WebUrl ?? pw.Url) : null,
            [.. report.Diagnostics.Select(d => Finding(d, fingerprint(d)))]);
    }

    private static List<JsonInputError> Errors(RunResult result) => [.. result.Errors.Select(e => new JsonInputError(e.Input, e.Line, e.Column, e.Message))];

    /// <summary>The whole report of a finished run, as one object.</summary>
    public JsonReport Build(RunResult result)
    {
        var patches = new List<JsonPatch>();
        int errors = 0, warnings = 0, notes = 0;
        var fingerprints = new SarifReporter().Fingerprints(result);
        for (var r = 0; r < result.Reports.Length; r++)
        {
            var report = result.Reports[r];
            var index = 0;
            var inReport = fingerprints[r];
            if (Patch(report, _ => inReport[index++]) is not { } patch) continue;
            var (e, w, n) = ReportCounts.Count(report.Diagnostics);
            errors += e;
            warnings += w;
            notes += n;
            patches.Add(patch);
        }

        var summary = new JsonSummary(result.Statistics.Patches, errors, warnings, notes, result.Statistics.SkippedMails);
        return new JsonReport(SchemaVersion, new JsonTool("DiffLint", _version), patches, Errors(result), summary);
    }

    private static JsonFinding Finding(Diagnostic d, string? fingerprint)
    {
        var l = d.Location;
        var location = l.Kind switch
        {
            LocationKind.File => new JsonLocation("file", l.Path, l.Line, l.Column, l.EndColumn, l.InputLine),
            LocationKind.CommitMessage => new JsonLocation("commit-message", null, null, l.Column, l.EndColumn, l.InputLine),
            LocationKind.Input => new JsonLocation("input", l.Path, null, null, null, l.InputLine),
            _ => new JsonLocation("patch", null, null, null, null, l.InputLine),
        } with
        {
            InputColumn = l.InputColumn > 0 ? l.InputColumn : null,
            CommitMessageLine = l.CommitMessageLine > 0 ? l.CommitMessageLine : null,
        };
        var fix = d.Fix is { } f
            ? new JsonFix(f.Description, f.Path, f.Span.Start.Line + 1, f.Span.Start.Character + 1, f.Span.End.Line + 1,
                f.Span.End.Character + 1, f.Replacement)
            : null;
        return new JsonFinding(d.Id, d.Rule.Name, d.Severity.ToName(), d.Message, location, d.Rule.CheckpatchType, fix, fingerprint);
    }
}
