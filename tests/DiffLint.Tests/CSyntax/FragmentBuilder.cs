using System.Collections.Immutable;
using DiffLint.Core.CSyntax;
using DiffLint.Core.Model;

namespace DiffLint.Tests.CSyntax;

/// <summary>Builds a hunk from diff lines (' ', '+' or '-' first) and tokenizes it.</summary>
internal static class FragmentBuilder
{
    public static CFragment Build(int newStart, string heading, params string[] diffLines)
    {
        var lines = ImmutableArray.CreateBuilder<DiffLine>();
        int oldLine = Math.Max(newStart, 1), newLine = Math.Max(newStart, 1);
        var input = 1;
        foreach (var diffLine in diffLines)
        {
            var kind = diffLine[0] switch { '+' => DiffLineKind.Added, '-' => DiffLineKind.Removed, _ => DiffLineKind.Context };
            var text = diffLine.AsMemory(1);
            lines.Add(kind switch
            {
                DiffLineKind.Added => new DiffLine(kind, text, 0, newLine++, input++),
                DiffLineKind.Removed => new DiffLine(kind, text, oldLine++, 0, input++),
                _ => new DiffLine(kind, text, oldLine++, newLine++, input++),
            });
        }

        var built = lines.ToImmutable();
        var hunk = new Hunk(Math.Max(newStart, 1), oldLine - Math.Max(newStart, 1), newStart, newLine - Math.Max(newStart, 1), heading, 0, built, true);
        return CFragment.Build(hunk, 0, null, []);
    }

    /// <summary>Each token as "Kind:text".</summary>
    public static string[] Describe(CFragment fragment) =>
        [.. fragment.Tokens.Select(t => $"{t.Kind}:{fragment.TextOf(t).ToString()}")];

    public static string[] Describe(CFragment fragment, int line) =>
        [.. fragment.TokensOf(line).ToArray().Select(t => $"{t.Kind}:{fragment.TextOf(t).ToString()}")];
}
