using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Tests.CSyntax;

public class CSourceActionTests
{
    /// <summary>Reports every token of every line, so the test sees which reports the context lets through.</summary>
    private sealed class EveryTokenRule : PatchRule
    {
        public static readonly RuleDescriptor Descriptor = new("DL3999", "every-token", "Every token", "Token {0}", "Style", Severity.Warning,
            "## What it does\nTest.\n\n## Why it matters\nTest.\n\n## Example\nTest.\n\n## Configuration\nNone.\n");

        public List<(string Path, int Line, MoveKind Move)> AddedLines { get; } = [];
        public int Files { get; private set; }

        public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

        public override void Initialize(RuleRegistration registration)
        {
            registration.RegisterCSourceAction(context =>
            {
                Files++;
                foreach (var fragment in context.Fragments)
                {
                    foreach (var token in fragment.Tokens) context.Report(Descriptor, fragment, token, fragment.TextOf(token).ToString());
                }
            });
            registration.RegisterAddedLineAction(context => AddedLines.Add((context.File.Path, context.Line.NewLine, context.Move)));
        }
    }

    private const string Patch = """
        From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001
        From: A U Thor <author@example.com>
        Subject: [PATCH] move helpers

        Signed-off-by: A U Thor <author@example.com>
        ---
        diff --git a/a.c b/a.c
        --- a/a.c
        +++ b/a.c
        @@ -1,6 +1,2 @@
         int keep;
        -static int helper(int value)
        -{
        -	value += 1;
        -	return value * 2;
        -}
         int end;
        diff --git a/b.c b/b.c
        --- a/b.c
        +++ b/b.c
        @@ -1,2 +1,8 @@
         int first;
        +static int helper(int value)
        +{
        +	value += 1;
        +	return value * 2;
        +}
        +int added = helper(1);
         int last;
        diff --git a/notes.txt b/notes.txt
        --- a/notes.txt
        +++ b/notes.txt
        @@ -1 +1,2 @@
         text
        +more
        """;

    [Fact]
    public void OnlyNewLinesOfCFilesAreTokenizedForRulesAndReported()
    {
        var rule = new EveryTokenRule();
        var engine = new AnalysisEngine([rule]);
        var patch = Assert.Single(TestRunner.ParseText(Patch));
        var report = engine.Analyze(patch);
        Assert.Equal(1, rule.Files);
        Assert.Equal(["b.c:7"], report.Diagnostics.Select(d => $"{d.Location.Path}:{d.Location.Line}").Distinct());
        Assert.Equal(["int", "added", "=", "helper", "(", "1", ")", ";"], report.Diagnostics.Select(d => d.Message["Token ".Length..]));
        Assert.Equal([("b.c", 7, MoveKind.New), ("notes.txt", 2, MoveKind.New)], rule.AddedLines);
    }

    [Fact]
    public void ReindentedLinesReachLineRulesMarkedAsSuch()
    {
        var rule = new EveryTokenRule();
        var engine = new AnalysisEngine([rule]);
        var patch = Assert.Single(TestRunner.ParseText(Patch.Replace("+\treturn value * 2;", "+\t\treturn value * 2;")
            .Replace("+static int helper(int value)", "+ static int helper(int value)")));
        engine.Analyze(patch);
        Assert.Equal([("b.c", 2, MoveKind.Reindented), ("b.c", 3, MoveKind.Reindented), ("b.c", 4, MoveKind.Reindented),
            ("b.c", 5, MoveKind.Reindented), ("b.c", 6, MoveKind.Reindented), ("b.c", 7, MoveKind.New), ("notes.txt", 2, MoveKind.New)],
            rule.AddedLines);
    }

    /// <summary>Records when each kind of action runs, and what the patch-end action finds of the engine's C views.</summary>
    private sealed class PatchEndRule : PatchRule
    {
        private static readonly PatchValueProvider<string[]> FragmentCounts = PatchValueProvider<string[]>.FromAnalysis(sink =>
            [.. sink.Patch.Files.Select(f => $"{f.Path}:{sink.CSourceOf(f)?.Fragments.Length.ToString() ?? "none"}")]);

        public List<string> Events { get; } = [];

        public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [EveryTokenRule.Descriptor];

        public override void Initialize(RuleRegistration registration)
        {
            registration.RegisterPatchAction(_ => Events.Add("patch"));
            registration.RegisterCSourceAction(context => Events.Add("source " + context.File.Path));
            registration.RegisterPatchEndAction(context => Events.Add("end " + string.Join(" ", context.GetValue(FragmentCounts))));
        }
    }

    [Fact]
    public void PatchEndActionsRunAfterTheFilesAndSeeTheEnginesCViews()
    {
        var rule = new PatchEndRule();
        new AnalysisEngine([rule]).Analyze(Assert.Single(TestRunner.ParseText(Patch)));
        Assert.Equal(["patch", "source b.c", "end a.c:none b.c:1 notes.txt:none"], rule.Events);
    }
}
