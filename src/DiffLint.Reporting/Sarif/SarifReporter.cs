using System.Buffers;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Reading;
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

    public void Write(RunResult result, IReadOnlyList<RuleDescriptor> rules, TextWriter writer)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
               {
                   Indented = true,
                   IndentSize = 2,
                   NewLine = "\n",
                   Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                   SkipValidation = false,
               }))
        {
            WriteLog(json, result, rules);
        }

        writer.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        writer.Write('\n');
    }

    private void WriteLog(Utf8JsonWriter json, RunResult result, IReadOnlyList<RuleDescriptor> rules)
    {
        // Every descriptor passed in, then any rule that reported but was not passed (internal rules), by id.
        var allRules = rules.ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < allRules.Count; i++) index.TryAdd(allRules[i].Id, i);
        foreach (var extra in result.AllDiagnostics.Select(d => d.Rule).Where(r => !index.ContainsKey(r.Id))
                     .DistinctBy(r => r.Id).OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            index[extra.Id] = allRules.Count;
            allRules.Add(extra);
        }

        var (items, internalDiagnostics, fingerprints) = Results(result);

        json.WriteStartObject();
        json.WriteString("$schema", SchemaUri);
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();

        WriteTool(json, allRules);

        json.WriteStartArray("invocations");
        WriteInvocation(json, result, internalDiagnostics, index);
        json.WriteEndArray();

        WriteVersionControlProvenance(json, result);

        json.WriteStartObject("automationDetails");
        var category = string.IsNullOrEmpty(options.Category) ? "difflint" : options.Category;
        json.WriteString("id", category.EndsWith('/') ? category : category + "/");
        json.WriteEndObject();

        json.WriteString("columnKind", "utf16CodeUnits");

        json.WriteStartArray("results");
        for (var i = 0; i < items.Count; i++) WriteResult(json, items[i], index[items[i].Diagnostic.Id], fingerprints[i]);
        json.WriteEndArray();

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
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
    private void WriteVersionControlProvenance(Utf8JsonWriter json, RunResult result)
    {
        var revision = result.Reports.Select(r => r.Patch.CommitId).LastOrDefault(c => !string.IsNullOrEmpty(c));
        var baseCommit = result.Reports.Select(r => r.Patch.BaseCommit).LastOrDefault(c => !string.IsNullOrEmpty(c));
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

    private static void WriteResult(Utf8JsonWriter json, ResultItem item, int ruleIndex, string fingerprint)
    {
        var diagnostic = item.Diagnostic;
        json.WriteStartObject();
        json.WriteString("ruleId", diagnostic.Id);
        json.WriteNumber("ruleIndex", ruleIndex);
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

        if (!diagnostic.Flow.IsDefaultOrEmpty) WriteCodeFlow(json, diagnostic.Flow);

        if (diagnostic.Fix is { } fix)
        {
            json.WriteStartArray("fixes");
            json.WriteStartObject();
            WriteMessage(json, "description", fix.Description);
            json.WriteStartArray("artifactChanges");
            json.WriteStartObject();
            WriteArtifactLocation(json, NormalizePath(fix.Path), inRepository: true);
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
            if (location.Kind == LocationKind.File && !string.IsNullOrEmpty(location.Path))
            {
                return new ResultItem(diagnostic, NormalizePath(location.Path), true, location.Span, location.Line,
                    SarifFingerprint.Normalize(location.LineText), null, "file", "", inputFile);
            }

            var subject = patch.Subject.Summary.Length > 0 ? patch.Subject.Summary : "(no subject)";
            var (kind, scope) = location.Kind == LocationKind.Input ? ("mail", "mail") : ("commit message", "commit-message");
            // Line text of the commit message when there is one, else the subject: stable under line shifts.
            var text = SarifFingerprint.Normalize(location.LineText ?? subject);
            if (patch.FirstChangedPath is { } firstPath)
            {
                return new ResultItem(diagnostic, NormalizePath(firstPath), true, null, Math.Max(1, patch.FirstChangedLine),
                    text, kind, scope, subject, inputFile);
            }

            return new ResultItem(diagnostic, inputFile, false, null, Math.Max(1, location.InputLine), text, kind, scope, subject, inputFile);
        }
    }
}
