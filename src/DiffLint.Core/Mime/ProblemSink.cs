using System;
using System.Collections.Generic;

namespace DiffLint.Core.Mime;

/// <summary>
/// Collects problems with a per-kind cap: a hostile or badly damaged mail can have a problem on every line,
/// and a million identical diagnostics help nobody while costing memory.
/// </summary>
internal sealed class ProblemSink
{
    internal const int CapPerKind = 20;

    private static readonly int KindCount = Enum.GetValues<MailProblemKind>().Length;

    // Made on the first problem: most mails have none, and every mail has a sink.
    private List<MailProblem>? _problems;
    private int[]? _counts;
    private int[]? _firstSuppressedLine;

    public void Add(MailProblemKind kind, int line, string message)
    {
        _problems ??= [];
        _counts ??= new int[KindCount];
        _firstSuppressedLine ??= new int[KindCount];
        int k = (int)kind;
        int n = ++_counts[k];
        if (n <= CapPerKind)
            _problems.Add(new MailProblem(kind, line, message));
        else if (n == CapPerKind + 1)
            _firstSuppressedLine[k] = line;
    }

    public int Count(MailProblemKind kind) => _counts is null ? 0 : _counts[(int)kind];

    public IReadOnlyList<MailProblem> ToList()
    {
        // Most mails have none (only a kind past its cap would add one below, and that kind has problems listed).
        if (_problems is null || _counts is null || _firstSuppressedLine is null) return [];
        var result = new List<MailProblem>(_problems);
        for (int k = 0; k < KindCount; k++)
        {
            int suppressed = _counts[k] - CapPerKind;
            if (suppressed > 0)
            {
                var kind = (MailProblemKind)k;
                result.Add(new MailProblem(kind, _firstSuppressedLine[k],
                    $"{suppressed} more {kind} problem(s) not listed individually (from this line on)"));
            }
        }
        // Stable by line so callers can merge them with their own line-ordered findings.
        var ordered = new MailProblem[result.Count];
        result.CopyTo(ordered);
        var keys = new long[ordered.Length];
        for (int i = 0; i < keys.Length; i++)
            keys[i] = ((long)ordered[i].Line << 32) | (uint)i;
        Array.Sort(keys, ordered);
        return ordered;
    }
}
