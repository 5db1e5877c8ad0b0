using System.Text.Json;
using DiffLint.Reporting.Sarif;
using static DiffLint.Tests.Sarif.SarifTestHelpers;

namespace DiffLint.Tests.Sarif;

public class SarifSchemaTests
{
    [SharedFact]
    public void Official_schema_loads_as_draft_04()
    {
        Assert.Contains("draft-04", Schema.SchemaVersion);
        Assert.NotEmpty(Schema.Definitions);
    }

    [SharedFact]
    public void Schema_rejects_a_fix_without_artifact_changes()
    {
        const string bad = """
            {"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"fixes":[{"description":{"text":"d"}}]}]}]}
            """;
        Assert.NotEmpty(Schema.Validate(bad));
    }

    [SharedFact]
    public void Clean_run_has_an_empty_results_array_and_every_rule()
    {
        var result = TestRunner.RunText("");
        var json = ToSarif(result with { Reports = [], Errors = [] });
        Assert.Equal("", SchemaErrors(json));
        using var doc = JsonDocument.Parse(json);
        var run = doc.RootElement.GetProperty("runs")[0];
        Assert.Equal(0, run.GetProperty("results").GetArrayLength());
        Assert.Equal(AllRules.Count, run.GetProperty("tool").GetProperty("driver").GetProperty("rules").GetArrayLength());
        Assert.Equal("difflint/", run.GetProperty("automationDetails").GetProperty("id").GetString());
        Assert.True(run.GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
        Assert.False(run.TryGetProperty("versionControlProvenance", out _));
    }

    [SharedFact]
    public void Series_example_validates_and_places_findings()
    {
        var json = ToSarif(TestRunner.RunFiles(Path.Combine(TestPaths.TestData, "examples", "series.mbox")));
        Assert.Equal("", SchemaErrors(json));
        using var doc = JsonDocument.Parse(json);
        var results = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        var whitespace = Assert.Single(results, r => r.GetProperty("ruleId").GetString() == "DL2001");
        var region = whitespace.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal(315, region.GetProperty("startLine").GetInt32());
        Assert.Equal(65, region.GetProperty("startColumn").GetInt32());
        var signoff = Assert.Single(results, r => r.GetProperty("ruleId").GetString() == "DL1001");
        var location = signoff.GetProperty("locations")[0];
        Assert.Equal("commit message", location.GetProperty("logicalLocations")[0].GetProperty("kind").GetString());
        Assert.Equal(77, signoff.GetProperty("properties").GetProperty("inputLine").GetInt32());
        Assert.DoesNotContain("mbox", location.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!);
    }

    private const string CommittedPatch = """
        From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001
        From: A U Thor <author@example.org>
        Subject: [PATCH] lib: add b

        Signed-off-by: A U Thor <author@example.org>
        ---
        diff --git a/lib/x.c b/lib/x.c
        --- a/lib/x.c
        +++ b/lib/x.c
        @@ -1 +1,2 @@
         int a;
        +int b;

        base-commit: 89abcdef0123456789abcdef0123456789abcdef
        -- 
        2.39.5
        """;

    private static JsonElement? Provenance(string sarif)
    {
        Assert.Equal("", SchemaErrors(sarif));
        using var doc = JsonDocument.Parse(sarif);
        return doc.RootElement.GetProperty("runs")[0].TryGetProperty("versionControlProvenance", out var p) ? p.Clone() : null;
    }

    [SharedFact]
    public void Provenance_names_the_commit_that_contains_the_change_and_the_base()
    {
        var sarif = ToSarif(TestRunner.RunText(CommittedPatch), Options with { RepositoryUri = "https://github.com/o/r" });
        var entry = Assert.Single(Provenance(sarif)!.Value.EnumerateArray());
        Assert.Equal("https://github.com/o/r", entry.GetProperty("repositoryUri").GetString());
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", entry.GetProperty("revisionId").GetString());
        Assert.Equal("89abcdef0123456789abcdef0123456789abcdef", entry.GetProperty("properties").GetProperty("baseCommit").GetString());
    }

    [SharedFact]
    public void Provenance_with_only_a_base_commit_has_no_revision()
    {
        var withoutFromLine = CommittedPatch[(CommittedPatch.IndexOf('\n') + 1)..];
        var sarif = ToSarif(TestRunner.RunText(withoutFromLine), Options with { RepositoryUri = "https://github.com/o/r" });
        var entry = Assert.Single(Provenance(sarif)!.Value.EnumerateArray());
        Assert.False(entry.TryGetProperty("revisionId", out _));
        Assert.Equal("89abcdef0123456789abcdef0123456789abcdef", entry.GetProperty("properties").GetProperty("baseCommit").GetString());
    }

    [SharedFact]
    public void Series_provenance_is_the_tip_commit()
    {
        var sarif = ToSarif(TestRunner.RunFiles(Path.Combine(TestPaths.TestData, "examples", "series.mbox")),
            Options with { RepositoryUri = "https://github.com/o/r" });
        var entry = Assert.Single(Provenance(sarif)!.Value.EnumerateArray());
        Assert.Equal("6c2a7d1e3f4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d", entry.GetProperty("revisionId").GetString());
    }

    [SharedFact]
    public void No_provenance_without_a_repository_uri_or_without_a_named_commit()
    {
        Assert.Null(Provenance(ToSarif(TestRunner.RunText(CommittedPatch))));
        var plainDiff = CommittedPatch[CommittedPatch.IndexOf("diff --git", StringComparison.Ordinal)..CommittedPatch.IndexOf("base-commit", StringComparison.Ordinal)];
        Assert.Null(Provenance(ToSarif(TestRunner.RunText(plainDiff), Options with { RepositoryUri = "https://github.com/o/r" })));
    }

    [Theory]
    [InlineData("src/a b.c", "src/a%20b.c")]
    [InlineData("dir/x#y.c", "dir/x%23y.c")]
    [InlineData("plain/file_1-2.c", "plain/file_1-2.c")]
    public void Paths_are_uri_escaped(string path, string uri) => Assert.Equal(uri, SarifReporter.EscapePath(path));

    [Fact]
    public void Output_is_deterministic_and_has_no_bom_or_cr()
    {
        var path = Path.Combine(TestPaths.TestData, "examples", "series.mbox");
        var first = ToSarif(TestRunner.RunFiles(path));
        var second = ToSarif(TestRunner.RunFiles(path));
        Assert.Equal(first, second);
        Assert.DoesNotContain('\r', first);
        Assert.False(first.StartsWith('\uFEFF'));
        Assert.EndsWith("}\n", first);
    }
}

public class SarifPlacementTests
{
    [SharedFact]
    public void Mail_without_a_file_points_at_the_input_file()
    {
        const string mail = "From: A <a@example.org>\nSubject: [PATCH] foo: do a thing\nDate: Tue, 3 Mar 2026 10:12:01 +0100\n\nNo diff here.\n";
        var result = TestRunner.RunText(mail, "mail.eml");
        var json = ToSarif(result);
        Assert.Equal("", SchemaErrors(json));
        using var doc = JsonDocument.Parse(json);
        foreach (var r in doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray())
        {
            var physical = r.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.Equal("mail.eml", physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
            Assert.False(physical.GetProperty("artifactLocation").TryGetProperty("uriBaseId", out _));
            Assert.Equal(r.GetProperty("properties").GetProperty("inputLine").GetInt32(),
                Math.Max(1, physical.GetProperty("region").GetProperty("startLine").GetInt32()));
        }
    }

    [SharedFact]
    public void Unreadable_input_becomes_a_notification()
    {
        var result = TestRunner.RunFiles(Path.Combine(TestPaths.TestData, "does-not-exist.patch"));
        Assert.NotEmpty(result.Errors);
        var json = ToSarif(result);
        Assert.Equal("", SchemaErrors(json));
        using var doc = JsonDocument.Parse(json);
        var invocation = doc.RootElement.GetProperty("runs")[0].GetProperty("invocations")[0];
        Assert.False(invocation.GetProperty("executionSuccessful").GetBoolean());
        var notification = Assert.Single(invocation.GetProperty("toolExecutionNotifications").EnumerateArray());
        Assert.Equal("error", notification.GetProperty("level").GetString());
        Assert.Equal("testdata/does-not-exist.patch",
            notification.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(0, doc.RootElement.GetProperty("runs")[0].GetProperty("results").GetArrayLength());
    }
}
