using System.Text.Json;
using DiffLint.Cli;

namespace DiffLint.Tests.Cli;

/// <summary>--baseline: only the findings that an earlier SARIF or JSON report does not hold, matched by fingerprint.</summary>
public sealed class BaselineTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("difflint-baseline-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>A patch adding <paramref name="added"/> lines (a trailing space is a DL2001 error) to a function.</summary>
    private string Patch(string name, params string[] added)
    {
        var path = Path.Combine(_directory, name);
        var header = $"""
            From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001
            From: A U Thor <author@example.com>
            Date: Mon, 2 Sep 2024 10:00:00 +0000
            Subject: [PATCH] acme: count the probes

            Count the probes.

            Signed-off-by: A U Thor <author@example.com>
            ---
            diff --git a/drivers/misc/acme.c b/drivers/misc/acme.c
            index 1111111..2222222 100644
            --- a/drivers/misc/acme.c
            +++ b/drivers/misc/acme.c
            @@ -20,3 +20,{3 + added.Length} @@ static int acme_probe(struct acme *acme)

            """;
        var body = " {\n" + string.Concat(added.Select(line => "+" + line + "\n")) + " \treturn 0;\n }\n-- \n2.39.5\n";
        File.WriteAllText(path, header.ReplaceLineEndings("\n") + body);
        return path;
    }

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CommandLine.Run(["--no-tree", "--no-color", .. args], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("sarif")]
    [InlineData("json")]
    public void ABaselineRunReportsOnlyTheNewFinding(string format)
    {
        var before = Patch("v1.patch", "\tacme->probes++; ");
        // The finding of v1 moves down two lines: its fingerprint does not depend on the line number.
        var after = Patch("v2.patch", "\tint ret = 0;", "", "\tacme->probes++; ", "\tacme->failures = 0; ");
        var baseline = Path.Combine(_directory, "baseline." + format);
        Assert.Equal(1, Run(before, "--format", format, "--output", baseline).Exit);

        var all = Run(after);
        Assert.Equal(2, all.Out.Split('\n').Count(l => l.EndsWith("[DL2001]", StringComparison.Ordinal)));

        var (exit, output, _) = Run(after, "--baseline", baseline);
        Assert.Equal(1, exit);
        var finding = Assert.Single(output.Split('\n'), l => l.EndsWith("[DL2001]", StringComparison.Ordinal));
        Assert.StartsWith("drivers/misc/acme.c:24:", finding);
        Assert.Contains("1 error, 0 warnings", output);

        var unchanged = Run(before, "--baseline", baseline, "--stats");
        Assert.Equal(0, unchanged.Exit);
        Assert.Contains("no findings", unchanged.Out);
        Assert.Contains($"baseline      {baseline}: 1 finding left out (it holds 1)", unchanged.Err);
    }

    [Fact]
    public void JsonAndSarifCarryTheSameFingerprints()
    {
        var patch = Patch("v1.patch", "\tacme->probes++; ", "\tacme->failures = 0; ");
        using var json = JsonDocument.Parse(Run(patch, "--format", "json").Out);
        using var sarif = JsonDocument.Parse(Run(patch, "--format", "sarif").Out);
        var fromJson = json.RootElement.GetProperty("patches").EnumerateArray().SelectMany(p => p.GetProperty("findings").EnumerateArray())
            .Select(f => f.GetProperty("fingerprint").GetString()).ToList();
        var fromSarif = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("partialFingerprints").GetProperty("difflint/v1").GetString()).ToList();
        Assert.Equal(2, fromJson.Distinct().Count());
        Assert.Equal(fromSarif.Order(), fromJson.Order());
    }

    [Theory]
    [InlineData("missing.json", null, "missing.json")]
    [InlineData("notes.txt", "not json at all", "not a SARIF or JSON report")]
    [InlineData("other.json", """{"name": "another tool"}""", "not a SARIF or JSON report of DiffLint")]
    [InlineData("old.json", """{"schemaVersion": "1.0", "patches": [{"findings": [{"ruleId": "DL2001"}]}]}""", "have no fingerprint (a JSON report of schema 1.0)")]
    public void AnUnusableBaselineIsAnInputError(string name, string? content, string message)
    {
        var baseline = Path.Combine(_directory, name);
        if (content is not null) File.WriteAllText(baseline, content);
        var (exit, output, err) = Run(Patch("v1.patch", "\tacme->probes++;"), "--baseline", baseline);
        Assert.Equal(ExitCodes.UsageOrInput, exit);
        Assert.Equal("", output);
        Assert.Contains("difflint: --baseline " + baseline, err);
        Assert.Contains(message, err);
    }
}
