using System.Collections.Immutable;

namespace DiffLint.Core.Model;

/// <summary>One <c> path | 12 +++---</c> row of the diffstat below <c>---</c>.</summary>
public sealed record DiffstatEntry(string Path, int? Changes, bool IsBinary, int InputLine);

/// <summary>
/// The diffstat block git format-patch writes between <c>---</c> and the first diff,
/// with its summary line (<c>2 files changed, 32 insertions(+), 4 deletions(-)</c>).
/// </summary>
public sealed record Diffstat(ImmutableArray<DiffstatEntry> Entries, int? FilesChanged, int? Insertions, int? Deletions, int SummaryInputLine);
