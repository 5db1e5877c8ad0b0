using System.Diagnostics;
using System.Text;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;
using DiffLint.Core.Profiles;
using DiffLint.Rules;
using Xunit.Abstractions;

namespace DiffLint.Tests.Hostile;

/// <summary>
/// Every stage is linear in its input: reading, the C tokenizer, moved-code detection and every rule. Each generator
/// builds one added line (or hunk) of adversarial text at a small and a four times larger size; the test checks the
/// ratio of the two times, not the clock, so a slow machine passes and a quadratic stage (16 times slower) fails.
/// Each size is timed as the best of a few runs so that a busy machine's pauses do not count.
/// </summary>
public class LinearTimeTests(ITestOutputHelper output)
{
    private const int SmallSize = 40_000;
    private const int Growth = 4;

    /// <summary>A linear stage grows by <see cref="Growth"/>; this leaves room for noise and caches, not for n². Under 100 ms for the
    /// larger input, a collection or a scheduler pause outweighs the work, so the ratio is not judged.</summary>
    private const double AllowedRatio = Growth * 2.5;

    public static TheoryData<string> Generators() =>
    [
        "comment-openers", "comment-closers", "quotes", "backslash-continuations", "deep-parentheses", "long-identifier",
        "stars", "colons", "question-marks", "commas", "braces", "semicolons", "angle-brackets", "casts", "char-quotes",
        "hash-lines", "many-short-lines", "brackets", "arrows", "ampersands", "calls",
    ];

    [SharedTheory]
    [MemberData(nameof(Generators))]
    public void TimePerByteDoesNotGrowWithTheInput(string generator)
    {
        var engine = new AnalysisEngine(BuiltInRules.All, profiles: new ProfileSelector(BuiltInProfiles.Kernel, "test"));
        // Warm up the JIT and the engine's caches on the small input first.
        Measure(engine, generator, SmallSize / 4);
        var small = Measure(engine, generator, SmallSize);
        var large = Measure(engine, generator, SmallSize * Growth);
        var ratio = large.TotalMilliseconds / Math.Max(small.TotalMilliseconds, 1);
        output.WriteLine($"{generator}: {SmallSize} chars {small.TotalMilliseconds:F1} ms, {SmallSize * Growth} chars {large.TotalMilliseconds:F1} ms, ratio {ratio:F1}");
        Assert.True(ratio <= AllowedRatio || large.TotalMilliseconds < 100,
            $"{generator}: {Growth}x the input took {ratio:F1}x the time ({small.TotalMilliseconds:F0} ms -> {large.TotalMilliseconds:F0} ms); a stage is not linear");
    }

    private static TimeSpan Measure(AnalysisEngine engine, string generator, int size)
    {
        var text = Patch(Body(generator, size));
        var best = TimeSpan.MaxValue;
        for (var run = 0; run < 2; run++)
        {
            var start = Stopwatch.GetTimestamp();
            foreach (var patch in TestRunner.ParseText(text)) engine.Analyze(patch);
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (elapsed < best) best = elapsed;
        }

        return best;
    }

    /// <summary>The added lines (without '+') of one generator, about <paramref name="size"/> characters.</summary>
    internal static IReadOnlyList<string> Body(string generator, int size)
    {
        string Repeat(string unit) => new StringBuilder(size + unit.Length).Insert(0, unit, size / unit.Length).ToString();
        IReadOnlyList<string> Lines(string line, int lineLength) =>
            [.. Enumerable.Repeat(line, Math.Max(1, size / lineLength))];
        return generator switch
        {
            "comment-openers" => [Repeat("/*")],
            "comment-closers" => ["int x = 1; " + Repeat("*/")],
            "quotes" => [Repeat("\"")],
            "backslash-continuations" => ["#define A(x) \\", .. Lines("\tx + \\", 6), "\tx"],
            "deep-parentheses" => ["int x = " + Repeat("(") + "1" + Repeat(")") + ";"],
            "long-identifier" => ["int " + Repeat("a") + " = 1;"],
            "stars" => ["char " + Repeat("*") + "p;"],
            "colons" => ["x = " + Repeat("a ? b : ") + "c;"],
            "question-marks" => [Repeat("?")],
            "commas" => ["f(" + Repeat("a, ") + "b);"],
            "braces" => ["int a[] = " + Repeat("{") + Repeat("}") + ";"],
            "semicolons" => [Repeat(";")],
            "angle-brackets" => [Repeat("<")],
            "casts" => ["x = " + Repeat("(int)") + "y;"],
            "char-quotes" => [Repeat("'")],
            "hash-lines" => Lines("#if X", 6),
            "many-short-lines" => ["void f(void)", "{", .. Lines("\tx = y + 1;", 12), "}"],
            "brackets" => ["x = a" + Repeat("[") + Repeat("]") + ";"],
            "arrows" => ["x = a" + Repeat("->b") + ";"],
            "ampersands" => ["x = " + Repeat("&") + "y;"],
            "calls" => ["x = " + Repeat("f(") + Repeat(")") + ";"],
            _ => throw new ArgumentOutOfRangeException(nameof(generator), generator, null),
        };
    }

    internal static string Patch(IReadOnlyList<string> added)
    {
        var text = new StringBuilder();
        text.Append("From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001\n")
            .Append("From: A U Thor <author@example.com>\nSubject: [PATCH] hostile\n\nSigned-off-by: A U Thor <author@example.com>\n---\n")
            .Append("diff --git a/drivers/a.c b/drivers/a.c\n--- a/drivers/a.c\n+++ b/drivers/a.c\n")
            .Append("@@ -1,1 +1,").Append(added.Count + 1).Append(" @@\n int keep;\n");
        foreach (var line in added) text.Append('+').Append(line).Append('\n');
        return text.ToString();
    }
}
