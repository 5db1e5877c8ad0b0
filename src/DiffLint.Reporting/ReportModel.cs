using System.Text.Json;
using System.Text.Json.Serialization;

namespace DiffLint.Reporting;

// DTOs of the JSON report (docs/json-format.md, docs/difflint-report.schema.json). Property names are camelCase.

public sealed record JsonReport(
    string SchemaVersion,
    JsonTool Tool,
    IReadOnlyList<JsonPatch> Patches,
    IReadOnlyList<JsonInputError> Errors,
    JsonSummary Summary);

public sealed record JsonTool(string Name, string Version);

public sealed record JsonPatch(
    string Input,
    int MessageIndex,
    string Kind,
    string Subject,
    string? Position,
    int? Version,
    string? MessageId,
    string? Author,
    string? CommitId,
    JsonPatchwork? Patchwork,
    IReadOnlyList<JsonFinding> Findings);

public sealed record JsonPatchwork(long Id, string? Project, long? Series, string? Url);

public sealed record JsonFinding(
    string RuleId,
    string RuleName,
    string Severity,
    string Message,
    JsonLocation Location,
    string? CheckpatchType,
    JsonFix? Fix,
    string? Fingerprint);

public sealed record JsonLocation(string Kind, string? Path, int? Line, int? Column, int? EndColumn, int InputLine)
{
    /// <summary>Column in the input line, where the input's lines are not the mail's (Patchwork JSON); absent otherwise.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? InputColumn { get; init; }

    /// <summary>Line of the commit message, where the input does not show it (Patchwork JSON); absent otherwise.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? CommitMessageLine { get; init; }
}

public sealed record JsonFix(string Description, string Path, int StartLine, int StartColumn, int EndLine, int EndColumn, string Replacement);

public sealed record JsonInputError(string Input, int? Line, int? Column, string Message);

public sealed record JsonSummary(int Patches, int Errors, int Warnings, int Notes, int SkippedMails);

/// <summary>One Patchwork check, as <c>--format patchwork-check</c> prints it (snake_case, Patchwork's field names).</summary>
public sealed record PatchworkCheckEntry(
    [property: JsonPropertyName("patch_id")] long? PatchId,
    [property: JsonPropertyName("message_id")] string? MessageId,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("check")] PatchworkCheck Check);

public sealed record PatchworkCheck(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("context")] string Context,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("target_url")] string? TargetUrl);

/// <summary>Source-generated serializers: no reflection at run time (trimming/AOT friendly).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(JsonReport))]
[JsonSerializable(typeof(IReadOnlyList<PatchworkCheckEntry>))]
internal sealed partial class ReportJsonContext : JsonSerializerContext
{
    /// <summary>Indented with LF, non-ASCII text kept readable (the output is UTF-8, not embedded in HTML).</summary>
    public static ReportJsonContext Output { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NewLine = "\n",
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
