using System.Collections.Immutable;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;
using DiffLint.Core.Profiles;
using DiffLint.Core.Reading;
using DiffLint.Reporting;

namespace DiffLint.Eval;

/// <summary>A DiffLint finding in checkpatch's terms: the TYPE its rule maps to and the input line it points at.</summary>
public sealed record DiffLintRow(string Project, string PatchFile, string RuleId, string Level, string Type, string? Path, int Line, string Message);

/// <summary>How a TYPE's rows are paired: by input line, or by patch only where checkpatch's line is an artefact.</summary>
public enum MatchKey
{
    /// <summary>Same patch file and same input line.</summary>
    Line,

    /// <summary>Same patch file: checkpatch prints these after reading the whole file, at its last line.</summary>
    Patch,

    /// <summary>Same patch file and same file in the patch: QEMU prints these when it reaches the next file's header.</summary>
    FileInPatch,
}

/// <summary>The agreement for one checkpatch TYPE.</summary>
public sealed record TypeAgreement(
    string Type,
    string Tool,
    ImmutableArray<string> RuleIds,
    bool IsMessageType,
    MatchKey Key,
    int OracleCount,
    int DiffLintCount,
    int Matched,
    int OracleErrors,
    int MatchedErrors,
    ImmutableArray<OracleRow> Misses,
    ImmutableArray<DiffLintRow> Extra,
    ImmutableArray<(OracleRow Row, ExplainedMiss Explanation)> Explained,
    ImmutableArray<OracleRow> MatchedRows)
{
    public double Recall => OracleCount == 0 ? 1 : (double)Matched / OracleCount;
    public double ErrorRecall => OracleErrors == 0 ? 1 : (double)MatchedErrors / OracleErrors;

    /// <summary>Recall over the rows that are not explained checkpatch false positives.</summary>
    public double AdjustedRecall => OracleCount - Explained.Length == 0 ? 1 : (double)Matched / (OracleCount - Explained.Length);

    /// <summary>ERROR-level recall over the rows that are not explained checkpatch false positives.</summary>
    public double AdjustedErrorRecall
    {
        get
        {
            var errors = OracleErrors - Explained.Count(e => e.Row.Level == "ERROR");
            return errors == 0 ? 1 : (double)MatchedErrors / errors;
        }
    }
    public int DiffLintOnly => Extra.Length;
}

/// <summary>
/// Runs DiffLint over every file the oracle covers, under the profile of the oracle's checker (kernel or qemu), and
/// pairs its findings with checkpatch's per TYPE that a DiffLint rule maps to.
/// </summary>
public static class Evaluation
{
    /// <summary>TYPEs that checkpatch reports at the last line of the input, after reading all of it.</summary>
    private static readonly HashSet<string> WholePatchTypes =
    [
        "MISSING_SIGN_OFF", "NO_AUTHOR_SIGN_OFF", "FROM_SIGN_OFF_MISMATCH", "MISSING_FIXES_TAG", "NOT_UNIFIED_DIFF",
        "Q_MISSING_SIGNOFF", "Q_MAINTAINERS_UPDATE", "Q_NOT_UNIFIED_DIFF",
    ];

    private static readonly HashSet<string> NextFileHeaderTypes =
        ["Q_NEW_FILE_NEEDS_SPDX", "Q_NEW_FILE_MAYBE_SPDX", "Q_NEW_FILE_LICENSE_BOILERPLATE"];

    private static readonly HashSet<string> MessageCategories = new(["Message", "Trailer", "Series"], StringComparer.Ordinal);

    /// <summary>Why a miss on a line the patch only moves is not a DiffLint miss.</summary>
    public const string MovedCodeReason =
        "moved code: removed elsewhere in the patch and added unchanged; DiffLint does not judge code a patch only moves (test AFunctionMovedBetweenFilesGetsNoFindings)";

    public static MatchKey KeyOf(string type) =>
        WholePatchTypes.Contains(type) ? MatchKey.Patch : NextFileHeaderTypes.Contains(type) ? MatchKey.FileInPatch : MatchKey.Line;

    /// <summary>
    /// Pairs DiffLint with the oracle for every TYPE either side has: a TYPE no rule maps to shows with no rules and
    /// every oracle row a miss (unless explained). <paramref name="strict"/> runs DiffLint as <c>--strict</c> does, for
    /// an oracle made with the kernel script's <c>--strict</c>; QEMU's script has no such level, so its files are left out.
    /// </summary>
    public static ImmutableArray<TypeAgreement> Run(Oracle oracle, IReadOnlyList<PatchRule> rules, IReadOnlyList<ExplainedMiss> explained,
        Func<string, bool>? projectFilter = null, bool strict = false)
    {
        var agreements = ImmutableArray.CreateBuilder<TypeAgreement>();
        foreach (var tool in strict ? ["kernel"] : new[] { "kernel", "qemu" })
        {
            var files = oracle.Files.Where(f => Oracle.ToolOf(f.Project) == tool && (projectFilter?.Invoke(f.Project) ?? true)).ToList();
            if (files.Count == 0) continue;
            var qemu = tool == "qemu";
            var engine = new AnalysisEngine(rules, RuleConfiguration.Default.WithStrict(strict),
                new ProfileSelector(qemu ? BuiltInProfiles.Qemu : BuiltInProfiles.Kernel, "evaluation"));
            var inputs = files.Select((f, i) => new InputSource(f.PatchFile, Path.Combine(oracle.Corpus, f.PatchFile), i)).ToList();
            var result = new DiffLintRunner(engine).Run(inputs);
            var projectOf = files.ToDictionary(f => f.PatchFile, f => f.Project, StringComparer.Ordinal);

            var typeRules = engine.Rules
                .Select(r => (Rule: r, Type: qemu ? r.QemuCheckpatchType : r.CheckpatchType))
                .Where(x => x.Type is not null)
                .GroupBy(x => x.Type!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(x => x.Rule).ToList(), StringComparer.Ordinal);

            var diffLintRows = result.Reports
                .SelectMany(r => r.Diagnostics.Select(d => (Report: r, Diagnostic: d)))
                .Select(x => new DiffLintRow(projectOf[x.Report.Patch.Source.DisplayName], x.Report.Patch.Source.DisplayName, x.Diagnostic.Id,
                    x.Diagnostic.Severity switch { Severity.Error => "ERROR", Severity.Warning => "WARNING", _ => "CHECK" },
                    CheckpatchReporter.TypeOf(x.Diagnostic.Rule, qemu), x.Diagnostic.Location.Path, x.Diagnostic.Location.InputLine, x.Diagnostic.Message))
                .ToList();
            var inScope = new HashSet<string>(files.Select(f => f.PatchFile), StringComparer.Ordinal);
            var moved = MovedLines(inputs);
            var classes = new Dictionary<(string, string), bool>();
            bool Holds(string mailClass, string patchFile)
            {
                if (!classes.TryGetValue((mailClass, patchFile), out var holds))
                {
                    var path = Path.Combine(oracle.Corpus, patchFile);
                    classes[(mailClass, patchFile)] = holds = mailClass switch
                    {
                        ExplainedMiss.QuotedPrintableMail => SentQuotedPrintable(path),
                        ExplainedMiss.CoverLetter => IsCoverLetter(path),
                        _ => throw new InvalidDataException($"explained-misses.tsv: unknown mail class '{mailClass}'"),
                    };
                }

                return holds;
            }

            var oracleTypes = oracle.Rows.Where(r => r.Tool == tool && inScope.Contains(r.PatchFile)).Select(r => r.Type);
            foreach (var type in typeRules.Keys.Concat(oracleTypes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var mappedRules = typeRules.GetValueOrDefault(type) ?? [];
                var expected = oracle.Rows.Where(r => r.Tool == tool && r.Type == type && inScope.Contains(r.PatchFile)).ToList();
                var actual = diffLintRows.Where(r => r.Type == type).ToList();
                var key = KeyOf(type);
                var (matched, misses, extra) = Pair(expected, actual, key);
                var explainedMisses = misses
                    .Select(m => (Row: m, Explanation: explained.FirstOrDefault(e => e.Covers(m, Holds))
                        ?? (key == MatchKey.Line && moved.Contains((m.PatchFile, m.Line)) ? new ExplainedMiss(m.Type, m.PatchFile, m.Line, MovedCodeReason) : null)))
                    .Where(x => x.Explanation is not null)
                    .Select(x => (x.Row, x.Explanation!))
                    .ToImmutableArray();
                agreements.Add(new TypeAgreement(type, tool, [.. mappedRules.Select(r => r.Id)],
                    mappedRules.Count > 0 ? mappedRules.All(r => MessageCategories.Contains(r.Category)) : MessageTypes.Contains(type), key,
                    expected.Count, actual.Count, matched.Count, expected.Count(r => r.Level == "ERROR"),
                    matched.Count(r => r.Level == "ERROR"), [.. misses.Where(m => !explainedMisses.Any(e => ReferenceEquals(e.Row, m)))],
                    [.. extra], explainedMisses, [.. matched]));
            }
        }

        return agreements.ToImmutable();
    }

    /// <summary>Unmapped TYPEs that are about the commit message or mail, listed with the message TYPEs.</summary>
    private static readonly HashSet<string> MessageTypes = new(["UNKNOWN_COMMIT_ID", "NOT_UNIFIED_DIFF", "TYPO_SPELLING"], StringComparer.Ordinal);

    /// <summary>True when the mail's subject tags it <c>0/N</c>: a series' cover letter.</summary>
    private static bool IsCoverLetter(string path) => FirstHeader(path, "Subject") is { } subject && SubjectLine.Parse(subject).IsCoverLetter;

    /// <summary>True when the mail's top-level Content-Transfer-Encoding is quoted-printable (checkpatch reads such a body undecoded).</summary>
    private static bool SentQuotedPrintable(string path) =>
        FirstHeader(path, "Content-Transfer-Encoding") is { } encoding && encoding.Equals("quoted-printable", StringComparison.OrdinalIgnoreCase);

    /// <summary>The value of the mail's first <paramref name="name"/> header (its first line), or null when the header block has none.</summary>
    private static string? FirstHeader(string path, string name)
    {
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0) return null;
            if (line.Length > name.Length && line[name.Length] == ':' && line.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                return line[(name.Length + 1)..].Trim();
            }
        }

        return null;
    }

    /// <summary>The input lines (patch file, line) of added lines that <see cref="MovedCodeDetector"/> finds the patch only moves.</summary>
    private static HashSet<(string PatchFile, int Line)> MovedLines(List<InputSource> inputs)
    {
        var moved = new HashSet<(string, int)>();
        var reader = new PatchReader(new ReaderOptions());
        foreach (var input in inputs)
        {
            long sequence = 0;
            foreach (var item in reader.Read(input, () => File.OpenRead(input.FilePath!)))
            {
                if (item.Message is not { } message) continue;
                var patch = message.Parse(sequence++);
                var moves = MovedCodeDetector.Detect(patch);
                if (moves.MovedLines == 0) continue;
                for (var f = 0; f < patch.Files.Length; f++)
                {
                    for (var h = 0; h < patch.Files[f].Hunks.Length; h++)
                    {
                        var kinds = moves.KindsOf(f, h);
                        if (kinds is null) continue;
                        var lines = patch.Files[f].Hunks[h].Lines;
                        for (var l = 0; l < lines.Length; l++)
                        {
                            if (kinds[l] == MoveKind.Moved) moved.Add((input.DisplayName, lines[l].InputLine));
                        }
                    }
                }
            }
        }

        return moved;
    }

    /// <summary>Pairs rows one to one (a multiset match), so two findings on one line need two oracle rows.</summary>
    private static (List<OracleRow> Matched, List<OracleRow> Misses, List<DiffLintRow> Extra) Pair(
        List<OracleRow> expected, List<DiffLintRow> actual, MatchKey key)
    {
        string KeyOfOracle(OracleRow r) => key switch
        {
            MatchKey.Patch => r.PatchFile,
            MatchKey.FileInPatch => r.PatchFile + "\0" + r.FileInPatch,
            _ => r.PatchFile + "\0" + r.Line,
        };
        string KeyOfDiffLint(DiffLintRow r) => key switch
        {
            MatchKey.Patch => r.PatchFile,
            MatchKey.FileInPatch => r.PatchFile + "\0" + r.Path,
            _ => r.PatchFile + "\0" + r.Line,
        };

        var pool = new Dictionary<string, Queue<DiffLintRow>>(StringComparer.Ordinal);
        foreach (var row in actual)
        {
            var k = KeyOfDiffLint(row);
            if (!pool.TryGetValue(k, out var queue)) pool[k] = queue = new Queue<DiffLintRow>();
            queue.Enqueue(row);
        }

        var matched = new List<OracleRow>();
        var misses = new List<OracleRow>();
        foreach (var row in expected)
        {
            if (pool.TryGetValue(KeyOfOracle(row), out var queue) && queue.Count > 0)
            {
                queue.Dequeue();
                matched.Add(row);
            }
            else
            {
                misses.Add(row);
            }
        }

        return (matched, misses, pool.Values.SelectMany(q => q).ToList());
    }
}
