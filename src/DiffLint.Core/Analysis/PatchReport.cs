using System.Collections.Immutable;

namespace DiffLint.Core.Analysis;

/// <summary>
/// A message and the diagnostics reported on it; <paramref name="Changes"/> are the hashes of the lines it changes,
/// for finding code its series moves between patches (<see cref="SeriesMoves"/>).
/// </summary>
public sealed record PatchReport(PatchSummary Patch, ImmutableArray<Diagnostic> Diagnostics, ChangedLines? Changes = null);
