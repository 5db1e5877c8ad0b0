using System.Diagnostics;
using System.Text;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;
using DiffLint.Core.Profiles;
using DiffLint.Core.Reading;
using DiffLint.Rules;
using Xunit.Abstractions;

namespace DiffLint.Tests.Hostile;

/// <summary>
/// Every stage is linear in its input: reading, the C tokenizer, moved-code detection and every rule. Each generator
/// builds one added line (or hunk) of adversarial text at a small and a four times larger size; the test checks the
/// ratio of the two times, not the clock, so a slow machine passes and a quadratic stage (16 times slower) fails.
/// A run is timed by the CPU time of the thread that does it (where the platform tells it), and each size by the best
/// of three runs, so that other processes of a busy machine do not count.
/// <c>DIFFLINT_HOSTILE_LARGE=1</c> also runs the sizes: 1 MB and 10 MB lines, and a 200,000 and a 2-million-line hunk.
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
        "hash-lines", "many-short-lines", "brackets", "arrows", "ampersands", "calls", "equals", "equals-questions",
        "string-continuations", "function-blocks", "if-blocks", "git-path-spaces",
    ];

    /// <summary>Moved-code detection on its worst case for an alignment (both sizes are past the lines DiffPlex aligns).</summary>
    [SharedFact]
    public void MovedCodeDetectionIsLinearOnReversedLines() => TimePerByteDoesNotGrowWithTheInput("moved-reversed");

    /// <summary>The sizes, ten times apart, for the generators it names; the limits are raised so that every stage sees all of it.</summary>
    public static TheoryData<string, int> LargeGenerators() => new()
    {
        { "comment-openers", 1_000_000 }, { "quotes", 1_000_000 }, { "backslash-continuations", 1_000_000 }, { "deep-parentheses", 1_000_000 },
        { "long-identifier", 1_000_000 }, { "equals-questions", 1_000_000 }, { "many-short-lines", 200_000 * 12 },
    };

    private static readonly InputLimits Unlimited = new() { LineLength = int.MaxValue, HunkLines = int.MaxValue, PatchLines = int.MaxValue, PartSize = int.MaxValue };

    [SharedTheory]
    [MemberData(nameof(LargeGenerators))]
    public void TimePerByteDoesNotGrowWithLargeInputs(string generator, int smallSize)
    {
        if (Environment.GetEnvironmentVariable("DIFFLINT_HOSTILE_LARGE") != "1")
        {
            output.WriteLine("skipped: set DIFFLINT_HOSTILE_LARGE=1 to run the 10 MB lines and the 2-million-line hunk (minutes)");
            return;
        }

        var engine = new AnalysisEngine(BuiltInRules.All, profiles: new ProfileSelector(BuiltInProfiles.Kernel, "test"));
        Measure(engine, generator, smallSize / 10, Unlimited);
        var small = Measure(engine, generator, smallSize, Unlimited);
        var large = Measure(engine, generator, smallSize * 10, Unlimited);
        var ratio = large.TotalMilliseconds / Math.Max(small.TotalMilliseconds, 1);
        output.WriteLine($"{generator}: {smallSize} chars {small.TotalMilliseconds:F0} ms, {smallSize * 10} chars {large.TotalMilliseconds:F0} ms, ratio {ratio:F1}");
        Assert.True(ratio <= 10 * 2.5, $"{generator}: 10x the input took {ratio:F1}x the time; a stage is not linear");
    }

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

    private static TimeSpan Measure(AnalysisEngine engine, string generator, int size, InputLimits? limits = null)
    {
        t_movedSize = size;
        var text = Encoding.UTF8.GetBytes(generator == "git-path-spaces" ? Patch(["int x;"], GitPathsWithSpaces(size)) : Patch(Body(generator, size)));
        var reader = new PatchReader(new ReaderOptions(Limits: limits));
        var best = TimeSpan.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            var start = ThreadTime.Now();
            foreach (var item in reader.Read(new InputSource("-", null, 0), () => new MemoryStream(text)))
                engine.Analyze(item.Message!.Parse(0));
            var elapsed = ThreadTime.Now() - start;
            if (elapsed < best) best = elapsed;
        }

        return best;
    }

    /// <summary>The CPU time of the calling thread (<see cref="ThreadClock"/>); elsewhere, the wall clock.</summary>
    private static class ThreadTime
    {
        public static TimeSpan Now() => ThreadClock.Now() ?? Stopwatch.GetElapsedTime(0);
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
            "equals" => [Repeat("=")],
            "function-blocks" => [Repeat("f(){")],
            "if-blocks" => [Repeat("if(x){")],
            "equals-questions" => [Repeat("=?")],
            "string-continuations" => ["s = \"\\", .. Lines("abc\\", 4), "\";"],
            "moved-reversed" => [],

            _ => throw new ArgumentOutOfRangeException(nameof(generator), generator, null),
        };
    }

    /// <summary>
    /// The two paths of a <c>diff --git</c> line, about <paramref name="size"/> characters, full of spaces where the halves
    /// never name the same file: the path split tries every space.
    /// </summary>
    private static string GitPathsWithSpaces(int size) =>
        "a/" + new StringBuilder().Insert(0, "x ", size / 4) + "b/" + new StringBuilder().Insert(0, "y /", size / 6) + "z";

    internal static string Patch(IReadOnlyList<string> added, string gitPaths = "a/drivers/a.c b/drivers/a.c")
    {
        if (added.Count == 0) return MovedReversedPatch();
        var text = new StringBuilder();
        text.Append("From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001\n")
            .Append("From: A U Thor <author@example.com>\nSubject: [PATCH] hostile\n\nSigned-off-by: A U Thor <author@example.com>\n---\n")
            .Append("diff --git ").Append(gitPaths).Append("\n--- a/drivers/a.c\n+++ b/drivers/a.c\n")
            .Append("@@ -1,1 +1,").Append(added.Count + 1).Append(" @@\n int keep;\n");
        foreach (var line in added) text.Append('+').Append(line).Append('\n');
        return text.ToString();
    }

    [ThreadStatic] private static int t_movedSize;

    /// <summary>
    /// A hunk that removes distinct lines and adds them back in reverse order: every added line has a removed twin, but
    /// no run of them lines up, the worst case of the moved-code alignment.
    /// </summary>
    private static string MovedReversedPatch()
    {
        var count = Math.Max(3, t_movedSize / 16);
        var text = new StringBuilder()
            .Append("From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001\n")
            .Append("From: A U Thor <author@example.com>\nSubject: [PATCH] hostile\n\nSigned-off-by: A U Thor <author@example.com>\n---\n")
            .Append("diff --git a/drivers/a.c b/drivers/a.c\n--- a/drivers/a.c\n+++ b/drivers/a.c\n")
            .Append($"@@ -1,{count} +1,{count} @@\n");
        for (var i = 0; i < count; i++) text.Append($"-\tvalue_{i} = {i};\n");
        for (var i = count - 1; i >= 0; i--) text.Append($"+\tvalue_{i} = {i};\n");
        return text.ToString();
    }
}
