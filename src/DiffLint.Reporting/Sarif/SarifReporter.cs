using System.Buffers;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Reading;
using DiffLint.Core.Model;
using Microsoft.CodeAnalysis.Text;

namespace DiffLint.Reporting.Sarif;

/// <summary>
/// SARIF 2.1.0 for GitHub code scanning and other viewers (see docs/sarif.md). One run; <c>results</c> is always
/// present. File findings point at the post-image path relative to the repository root; findings about the commit
/// message, the mail or a damaged diff are anchored at the first changed line of the patch's first file, with a
/// logical location naming the commit and the mail position in <c>properties</c>. Written with
/// <see cref="Utf8JsonWriter"/> (no reflection), indented, <c>\n</c> newlines, deterministic.
/// </summary>
public sealed class SarifReporter(SarifOptions options) : IReporter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string InformationUri = "https://github.com/difflint/difflint";
    public const string SrcRoot = "%SRCROOT%";

    public SarifReporter() : this(new SarifOptions())
    {
    }

    public SarifOptions Options => options;

    public static string AssemblyVersion { get; } = ReadAssemblyVersion();

    public IReportWriter Start(IReadOnlyList<RuleDescriptor> rules, IReadOnlyList<InputSource> inputs, TextWriter writer) =>
        new Writer(this, rules, writer);

    /// <summary>
    /// The log as the reports come. Its results are written to a temporary file as they come
    /// (<see cref="FingerprintedJson"/>); what comes before them in the log (the rules that reported without being passed,
    /// the notifications, the commit of the run) and the fingerprints are known at the end, when the log is written out.
    /// </summary>
    private sealed class Writer : IReportWriter
    {
        /// <summary>What the temporary file starts with, so that its results are indented as they are in the log.</summary>
        private const string Nesting = "{\n  \"runs\": [\n    {";

        private readonly SarifReporter _reporter;
        private readonly TextWriter _writer;
        private readonly FingerprintedJson _results = new();
        private readonly List<RuleDescriptor> _rules;
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly Dictionary<string, RuleDescriptor> _unlisted = new(StringComparer.Ordinal);
        private readonly List<(PatchSummary Patch, Diagnostic Diagnostic)> _internal = [];
        private string? _revision, _baseCommit;

        public Writer(SarifReporter reporter, IReadOnlyList<RuleDescriptor> rules, TextWriter writer)
        {
            _reporter = reporter;
            _writer = writer;
            _rules = [.. rules];
            for (var i = 0; i < _rules.Count; i++) _index.TryAdd(_rules[i].Id, i);
            var json = _results.Json;
            json.WriteStartObject();
            json.WriteStartArray("runs");
            json.WriteStartObject();
            json.WriteStartArray("results");
        }

        public void Write(PatchReport report)
        {
            var patch = report.Patch;
            if (!string.IsNullOrEmpty(patch.CommitId)) _revision = patch.CommitId;
            if (!string.IsNullOrEmpty(patch.BaseCommit)) _baseCommit = patch.BaseCommit;
            foreach (var diagnostic in report.Diagnostics)
            {
                if (!_index.ContainsKey(diagnostic.Id)) _unlisted.TryAdd(diagnostic.Id, diagnostic.Rule);
                if (IsInternal(diagnostic.Id))
                {
                    _internal.Add((patch, diagnostic));
                    continue;
                }

                var item = ResultItem.Create(patch, diagnostic, _reporter);
                var fingerprint = _results.Fingerprint((diagnostic.Id, item.Path, item.NormalizedText, item.StartLine));
                int? ruleIndex = _index.TryGetValue(diagnostic.Id, out var known) ? known : null;
                var id = diagnostic.Id;
                WriteResult(_results.Json, item, ruleIndex, fingerprint, ruleIndex is null ? _results.Later(() => RuleIndex(id)) : null);
            }

            _results.Flush();
        }

        /// <summary>A rule that reported without being passed comes after those passed, by ID.</summary>
        private string RuleIndex(string id) =>
            (_rules.Count + _unlisted.Keys.Order(StringComparer.Ordinal).ToList().IndexOf(id)).ToString(System.Globalization.CultureInfo.InvariantCulture);

        public void End(RunResult result)
        {
            using (_results)
            {
                var results = _results.Json;
                results.WriteEndArray();
                results.WriteEndObject();
                results.WriteEndArray();
                results.WriteEndObject();

                foreach (var id in _unlisted.Keys.Order(StringComparer.Ordinal))
                {
                    _index[id] = _rules.Count;
                    _rules.Add(_unlisted[id]);
                }

                var head = new ArrayBufferWriter<byte>(64 * 1024);
                using (var json = new Utf8JsonWriter(head, FingerprintedJson.WriterOptions))
                {
                    json.WriteStartObject();
                    json.WriteString("$schema", SchemaUri);
                    json.WriteString("version", "2.1.0");
                    json.WriteStartArray("runs");
                    json.WriteStartObject();
                    _reporter.WriteTool(json, _rules);
                    json.WriteStartArray("invocations");
                    _reporter.WriteInvocation(json, result, _internal, _index);
                    json.WriteEndArray();
                    _reporter.WriteVersionControlProvenance(json, _revision, _baseCommit);
                    json.WriteStartObject("automationDetails");
                    var category = string.IsNullOrEmpty(_reporter.Options.Category) ? "difflint" : _reporter.Options.Category;
                    json.WriteString("id", category.EndsWith('/') ? category : category + "/");
                    json.WriteEndObject();
                    json.WriteString("columnKind", "utf16CodeUnits");
                    json.Flush();
                }

                _writer.Write(Encoding.UTF8.GetString(head.WrittenSpan));
                _writer.Write(',');
                _results.CopyTo(_writer, skip: Nesting.Length);
                _writer.Write('\n');
            }
        }
    }

    /// <summary>
    /// The <c>difflint/v1</c> fingerprint of every finding of <paramref name="result"/>, by report and by finding in it
    /// (null for DL9001 and DL9002, which are notifications, not results): what a SARIF report holds, for the JSON
    /// report and for <c>--baseline</c>.
    /// </summary>
    public string?[][] Fingerprints(RunResult result)
    {
        var (items, _, fingerprints) = Results(result);
        var byReport = result.Reports.Select(r => new string?[r.Diagnostics.Length]).ToArray();
        for (var i = 0; i < items.Count; i++) byReport[items[i].Report][items[i].Index] = fingerprints[i];
        return byReport;
    }

    /// <summary>What a finding's fingerprint is made of (rule, path, text, line), or null for DL9001 and DL9002.</summary>
    public (string Rule, string Path, string Text, int Line)? FingerprintKey(PatchSummary patch, Diagnostic diagnostic)
    {
        if (IsInternal(diagnostic.Id)) return null;
        var item = ResultItem.Create(patch, diagnostic, this);
        return (diagnostic.Id, item.Path, item.NormalizedText, item.StartLine);
    }

    /// <summary>The results (every finding but the internal ones, which are notifications) and their fingerprints.</summary>
    private (List<ResultItem> Items, List<(PatchSummary Patch, Diagnostic Diagnostic)> Internal, string[] Fingerprints) Results(RunResult result)
    {
        var items = new List<ResultItem>();
        var internalDiagnostics = new List<(PatchSummary Patch, Diagnostic Diagnostic)>();
        for (var r = 0; r < result.Reports.Length; r++)
        {
            var report = result.Reports[r];
            for (var d = 0; d < report.Diagnostics.Length; d++)
            {
                var diagnostic = report.Diagnostics[d];
                if (IsInternal(diagnostic.Id)) internalDiagnostics.Add((report.Patch, diagnostic));
                else items.Add(ResultItem.Create(report.Patch, diagnostic, this) with { Report = r, Index = d });
            }
        }

        var fingerprints = SarifFingerprint.ComputeAll(items.Select(i => (i.Diagnostic.Id, i.Path, i.NormalizedText, i.StartLine)).ToList());
        return (items, internalDiagnostics, fingerprints);
    }

    /// <summary>
    /// One <c>versionControlDetails</c> when the input names a commit and the repository is known (the schema requires
    /// <c>repositoryUri</c>). <c>revisionId</c> is the commit that contains the change (format-patch <c>From &lt;sha&gt;</c>,
    /// Patchwork <c>commit_ref</c>) of the last patch naming one: for a series the tip, whose tree holds the post-image
    /// lines the results point at. The <c>base-commit:</c> the series applies to goes in <c>properties.baseCommit</c>.
    /// </summary>
    private void WriteVersionControlProvenance(Utf8JsonWriter json, string? revision, string? baseCommit)
    {
        if (string.IsNullOrEmpty(options.RepositoryUri) || (revision is null && baseCommit is null)) return;

        json.WriteStartArray("versionControlProvenance");
        json.WriteStartObject();
        json.WriteString("repositoryUri", options.RepositoryUri);
        if (revision is not null) json.WriteString("revisionId", revision);
        if (baseCommit is not null)
        {
            json.WriteStartObject("properties");
            json.WriteString("baseCommit", baseCommit);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static bool IsInternal(string id) => id is "DL9001" or "DL9002";

    private void WriteTool(Utf8JsonWriter json, List<RuleDescriptor> rules)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "DiffLint");
        json.WriteString("semanticVersion", options.ToolVersion ?? AssemblyVersion);
        json.WriteString("informationUri", InformationUri);
        json.WriteStartArray("rules");
        foreach (var rule in rules) WriteRule(json, rule);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter json, RuleDescriptor rule)
    {
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteString("name", rule.Name);
        // GitHub limits both descriptions to 1024 characters.
        WriteMessage(json, "shortDescription", Limit(rule.Title));
        WriteMessage(json, "fullDescription", Limit(rule.Description.Length > 0 ? rule.Description : rule.Title));
        json.WriteStartObject("help");
        var documentation = RuleDocumentation.WithOptions(rule);
        json.WriteString("text", documentation);
        json.WriteString("markdown", documentation + "\n\n[Rule documentation](" + rule.HelpUri + ")");
        json.WriteEndObject();
        json.WriteString("helpUri", rule.HelpUri);
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", rule.IsEnabledByDefault ? Level(rule.DefaultSeverity) : "none");
        if (!rule.IsEnabledByDefault) json.WriteBoolean("enabled", false);
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteString("category", rule.Category);
        json.WriteStartArray("tags");
        json.WriteStringValue(rule.Category);
        if (rule.Profiles.IsEmpty) json.WriteStringValue("profile:all");
        foreach (var profile in rule.Profiles) json.WriteStringValue("profile:" + profile);
        json.WriteEndArray();
        json.WriteString("precision", rule.Category == "Style" ? "medium" : "high");
        if (rule.CheckpatchType is { } checkpatch) json.WriteString("checkpatchType", checkpatch);
        if (rule.QemuCheckpatchType is { } qemu) json.WriteString("qemuCheckpatchType", qemu);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private void WriteInvocation(Utf8JsonWriter json, RunResult result, List<(PatchSummary Patch, Diagnostic Diagnostic)> internals,
        Dictionary<string, int> index)
    {
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", result.InternalErrors == 0 && result.Errors.IsEmpty);
        json.WriteStartArray("toolExecutionNotifications");
        foreach (var error in result.Errors)
            WriteNotification(json, error.Message, error.Input, error.Line ?? 0, error.Column ?? 0, associatedRule: null);
        foreach (var (patch, diagnostic) in internals)
            WriteNotification(json, diagnostic.Message, patch.Source.DisplayName, Math.Max(1, diagnostic.Location.InputLine), 0,
                (diagnostic.Id, index[diagnostic.Id]));

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>An error notification located in an input file (unreadable input, or a rule or reader failure).</summary>
    private void WriteNotification(Utf8JsonWriter json, string message, string input, int line, int column, (string Id, int Index)? associatedRule)
    {
        json.WriteStartObject();
        json.WriteString("level", "error");
        WriteMessage(json, "message", message);
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", EscapePath(InputPath(input)));
        json.WriteEndObject();
        if (line > 0)
        {
            json.WriteStartObject("region");
            json.WriteNumber("startLine", line);
            if (column > 0) json.WriteNumber("startColumn", column);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        if (associatedRule is { } rule)
        {
            json.WriteStartObject("associatedRule");
            json.WriteString("id", rule.Id);
            json.WriteNumber("index", rule.Index);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>One result; a rule index or a fingerprint not known yet is a placeholder, written raw.</summary>
    private static void WriteResult(Utf8JsonWriter json, ResultItem item, int? ruleIndex, string fingerprint, string? ruleIndexPlaceholder)
    {
        var diagnostic = item.Diagnostic;
        json.WriteStartObject();
        json.WriteString("ruleId", diagnostic.Id);
        if (ruleIndex is { } index) json.WriteNumber("ruleIndex", index);
        else
        {
            json.WritePropertyName("ruleIndex");
            json.WriteRawValue(ruleIndexPlaceholder!, skipInputValidation: true);
        }

        json.WriteString("level", Level(diagnostic.Severity));
        WriteMessage(json, "message", diagnostic.Message);

        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        WriteArtifactLocation(json, item.Path, item.InRepository);
        json.WriteStartObject("region");
        if (item.Span is { } span)
        {
            WriteRegion(json, span);
            if (diagnostic.Location.LineText is { } text)
            {
                json.WriteStartObject("snippet");
                json.WriteString("text", text);
                json.WriteEndObject();
            }
        }
        else
        {
            json.WriteNumber("startLine", item.StartLine);
            if (!item.InRepository && diagnostic.Location.InputColumn > 0)
            {
                // In the input file itself (Patchwork JSON, which holds the message on one line): the column and offset too.
                json.WriteNumber("startColumn", diagnostic.Location.InputColumn);
                json.WriteNumber("charOffset", diagnostic.Location.InputCharOffset);
            }

            json.WriteNumber("endLine", item.StartLine);
        }

        json.WriteEndObject();
        json.WriteEndObject();
        if (item.LogicalKind is { } kind)
        {
            json.WriteStartArray("logicalLocations");
            json.WriteStartObject();
            json.WriteString("name", item.Subject);
            json.WriteString("kind", kind);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndArray();

        if (item.InRepository && item.LogicalKind is not null && diagnostic.Location.InputColumn > 0)
        {
            // Anchored in the repository for code scanning; where it really is, in a Patchwork JSON file, as well.
            json.WriteStartArray("relatedLocations");
            json.WriteStartObject();
            json.WriteNumber("id", 1);
            json.WriteStartObject("physicalLocation");
            WriteArtifactLocation(json, item.InputFile, inRepository: false);
            json.WriteStartObject("region");
            json.WriteNumber("startLine", diagnostic.Location.InputLine);
            json.WriteNumber("startColumn", diagnostic.Location.InputColumn);
            json.WriteNumber("charOffset", diagnostic.Location.InputCharOffset);
            json.WriteEndObject();
            json.WriteEndObject();
            WriteMessage(json, "message", diagnostic.Location.CommitMessageLine > 0
                ? $"line {diagnostic.Location.CommitMessageLine} of the commit message in the Patchwork JSON"
                : "in the Patchwork JSON");
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteStartObject("partialFingerprints");
        json.WriteString(SarifFingerprint.Key, fingerprint);
        json.WriteEndObject();

        if (!diagnostic.Flow.IsDefaultOrEmpty && diagnostic.Flow.All(step => RepositoryPath(step.Location.Path ?? "") is not null))
            WriteCodeFlow(json, diagnostic.Flow);

        if (diagnostic.Fix is { } fix && RepositoryPath(fix.Path) is { } fixPath)
        {
            json.WriteStartArray("fixes");
            json.WriteStartObject();
            WriteMessage(json, "description", fix.Description);
            json.WriteStartArray("artifactChanges");
            json.WriteStartObject();
            WriteArtifactLocation(json, fixPath, inRepository: true);
            json.WriteStartArray("replacements");
            json.WriteStartObject();
            json.WriteStartObject("deletedRegion");
            WriteRegion(json, fix.Span);
            json.WriteEndObject();
            json.WriteStartObject("insertedContent");
            json.WriteString("text", fix.Replacement);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        if (item.LogicalKind is not null)
        {
            json.WriteStartObject("properties");
            json.WriteString("scope", item.Scope);
            json.WriteString("inputFile", item.InputFile);
            json.WriteNumber("inputLine", diagnostic.Location.InputLine);
            if (diagnostic.Location.InputColumn > 0)
            {
                json.WriteNumber("inputColumn", diagnostic.Location.InputColumn);
                json.WriteNumber("inputCharOffset", diagnostic.Location.InputCharOffset);
            }

            if (diagnostic.Location.CommitMessageLine > 0) json.WriteNumber("commitMessageLine", diagnostic.Location.CommitMessageLine);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>One thread flow (acquire → branch → exit), which GitHub code scanning shows as the finding's path.</summary>
    private static void WriteCodeFlow(Utf8JsonWriter json, System.Collections.Immutable.ImmutableArray<FlowStep> flow)
    {
        json.WriteStartArray("codeFlows");
        json.WriteStartObject();
        json.WriteStartArray("threadFlows");
        json.WriteStartObject();
        json.WriteStartArray("locations");
        foreach (var step in flow)
        {
            json.WriteStartObject();
            json.WriteStartObject("location");
            json.WriteStartObject("physicalLocation");
            WriteArtifactLocation(json, NormalizePath(step.Location.Path ?? ""), inRepository: true);
            json.WriteStartObject("region");
            WriteRegion(json, step.Location.Span);
            json.WriteEndObject();
            json.WriteEndObject();
            WriteMessage(json, "message", step.Message);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteRegion(Utf8JsonWriter json, LinePositionSpan span)
    {
        json.WriteNumber("startLine", span.Start.Line + 1);
        json.WriteNumber("startColumn", span.Start.Character + 1);
        json.WriteNumber("endLine", span.End.Line + 1);
        json.WriteNumber("endColumn", span.End.Character + 1);
    }

    private static void WriteArtifactLocation(Utf8JsonWriter json, string path, bool inRepository)
    {
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", EscapePath(path));
        if (inRepository) json.WriteString("uriBaseId", SrcRoot);
        json.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    private static string Limit(string text) => text.Length <= 1024 ? text : text[..1021] + "...";

    private static string Level(Severity severity) => severity.ToName();

    /// <summary>
    /// A path of the tree as a <c>uri</c> under <c>%SRCROOT%</c> (<see cref="NormalizePath"/>), or null when it would
    /// leave it (a <c>..</c> component): such a finding is anchored in the input file instead.
    /// </summary>
    public static string? RepositoryPath(string path)
    {
        var normalized = NormalizePath(path);
        foreach (var segment in normalized.Split('/'))
        {
            if (segment == "..") return null;
        }

        return normalized;
    }

    /// <summary>Forward slashes, no leading <c>./</c> or <c>/</c>.</summary>
    public static string NormalizePath(string path)
    {
        var p = path.Replace('\\', '/');
        while (p.StartsWith("./", StringComparison.Ordinal)) p = p[2..];
        return p.TrimStart('/');
    }

    /// <summary>Percent-encodes each segment per RFC 3986 (unreserved characters stay), keeping the slashes.</summary>
    public static string EscapePath(string path) =>
        string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    /// <summary>An input file's path as given when relative, or relative to the base directory when absolute.</summary>
    internal string InputPath(string displayName)
    {
        if (displayName == "-") return "stdin";
        var path = displayName;
        if (Path.IsPathFullyQualified(path))
        {
            path = Path.GetRelativePath(options.BaseDirectory ?? Directory.GetCurrentDirectory(), path);
        }

        return path.Replace('\\', '/');
    }

    private static string ReadAssemblyVersion()
    {
        var assembly = typeof(SarifReporter).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                      ?? assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        var plus = version.IndexOf('+');
        return plus >= 0 ? version[..plus] : version;
    }

    private sealed record ResultItem(
        Diagnostic Diagnostic,
        string Path,
        bool InRepository,
        LinePositionSpan? Span,
        int StartLine,
        string NormalizedText,
        string? LogicalKind,
        string Scope,
        string Subject,
        string InputFile)
    {
        /// <summary>Where the finding is in the run: its report's index and its own in that report.</summary>
        public int Report { get; init; }

        public int Index { get; init; }

        public static ResultItem Create(PatchSummary patch, Diagnostic diagnostic, SarifReporter reporter)
        {
            var location = diagnostic.Location;
            var inputFile = reporter.InputPath(patch.Source.DisplayName);
            if (location.Kind == LocationKind.File && !string.IsNullOrEmpty(location.Path) && RepositoryPath(location.Path) is { } path)
            {
                return new ResultItem(diagnostic, path, true, location.Span, location.Line,
                    SarifFingerprint.Normalize(location.LineText), null, "file", "", inputFile);
            }

            var subject = patch.Subject.Summary.Length > 0 ? patch.Subject.Summary : "(no subject)";
            var (kind, scope) = location.Kind is LocationKind.Input or LocationKind.File ? ("mail", "mail") : ("commit message", "commit-message");
            // Line text of the commit message when there is one, else the subject: stable under line shifts.
            var text = SarifFingerprint.Normalize(location.LineText ?? subject);
            if (patch.FirstChangedPath is { } firstPath && RepositoryPath(firstPath) is { } anchor)
            {
                return new ResultItem(diagnostic, anchor, true, null, Math.Max(1, patch.FirstChangedLine),
                    text, kind, scope, subject, inputFile);
            }

            return new ResultItem(diagnostic, inputFile, false, null, Math.Max(1, location.InputLine), text, kind, scope, subject, inputFile);
        }
    }
}
