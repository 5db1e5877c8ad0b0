using System.Collections.Immutable;
using System.Text.Json;
using DiffLint.Core;
using DiffLint.Reporting.Sarif;

namespace DiffLint.Reporting;

/// <summary>A baseline report that cannot be used: which file, and why.</summary>
public sealed class BaselineException(string message) : Exception(message);

/// <summary>
/// <c>--baseline FILE</c>: the findings of an earlier SARIF or JSON report of DiffLint, by their <c>difflint/v1</c>
/// fingerprints (docs/sarif.md#fingerprint), which do not depend on line numbers, so a finding keeps its fingerprint
/// while lines are added or removed around it. <see cref="Filter"/> leaves out of a run the findings the baseline
/// holds, so only new ones are reported and fail the run.
/// </summary>
public sealed class Baseline
{
    private readonly ImmutableHashSet<string> _fingerprints;

    private Baseline(string path, ImmutableHashSet<string> fingerprints)
    {
        Path = path;
        _fingerprints = fingerprints;
    }

    /// <summary>The report file the baseline was read from.</summary>
    public string Path { get; }

    /// <summary>How many findings the baseline holds.</summary>
    public int Count => _fingerprints.Count;

    /// <summary>Reads the fingerprints of a SARIF report (<c>partialFingerprints["difflint/v1"]</c>) or a JSON one (<c>fingerprint</c>).</summary>
    /// <exception cref="BaselineException">The file cannot be read, is not JSON, or is not a DiffLint report with fingerprints.</exception>
    public static Baseline Load(string path)
    {
        JsonDocument document;
        try
        {
            using var stream = File.OpenRead(path);
            document = JsonDocument.Parse(stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BaselineException($"{path}: {ex.Message}");
        }
        catch (JsonException ex)
        {
            throw new BaselineException($"{path}: not a SARIF or JSON report ({ex.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            var fingerprints = root.ValueKind != JsonValueKind.Object ? null
                : root.TryGetProperty("runs", out var runs) ? SarifFingerprints(runs)
                : root.TryGetProperty("patches", out var patches) ? JsonFingerprints(patches, path)
                : null;
            if (fingerprints is null)
                throw new BaselineException($"{path}: not a SARIF or JSON report of DiffLint (expected 'runs' or 'patches' at the top)");
            return new Baseline(path, fingerprints);
        }
    }

    private static ImmutableHashSet<string>? SarifFingerprints(JsonElement runs)
    {
        if (runs.ValueKind != JsonValueKind.Array) return null;
        var fingerprints = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var result in runs.EnumerateArray().SelectMany(run => Items(run, "results")))
        {
            if (Property(result, "partialFingerprints") is { } partial && Property(partial, SarifFingerprint.Key) is { ValueKind: JsonValueKind.String } fingerprint)
                fingerprints.Add(fingerprint.GetString()!);
        }

        return fingerprints.ToImmutable();
    }

    private static ImmutableHashSet<string>? JsonFingerprints(JsonElement patches, string path)
    {
        if (patches.ValueKind != JsonValueKind.Array) return null;
        var fingerprints = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var finding in patches.EnumerateArray().SelectMany(patch => Items(patch, "findings")))
        {
            switch (Property(finding, "fingerprint"))
            {
                case null:
                    throw new BaselineException($"{path}: its findings have no fingerprint (a JSON report of schema 1.0): write the baseline again with this DiffLint");
                case { ValueKind: JsonValueKind.String } fingerprint:
                    fingerprints.Add(fingerprint.GetString()!);
                    break;
            }
        }

        return fingerprints.ToImmutable();
    }

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;

    private static IEnumerable<JsonElement> Items(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>
    /// The run without the findings the baseline holds, and how many were left out. Fingerprints are computed over the
    /// whole run, as the SARIF report of the same run would carry them. Rule and reader failures are always kept.
    /// </summary>
    public RunResult Filter(RunResult result, out int leftOut)
    {
        var fingerprints = new SarifReporter().Fingerprints(result);
        var reports = result.Reports.ToBuilder();
        leftOut = 0;
        for (var r = 0; r < reports.Count; r++)
        {
            var diagnostics = reports[r].Diagnostics;
            var kept = diagnostics.Where((_, i) => fingerprints[r][i] is not { } fingerprint || !_fingerprints.Contains(fingerprint)).ToImmutableArray();
            if (kept.Length == diagnostics.Length) continue;
            leftOut += diagnostics.Length - kept.Length;
            reports[r] = reports[r] with { Diagnostics = kept };
        }

        return result with { Reports = reports.ToImmutable() };
    }
}
