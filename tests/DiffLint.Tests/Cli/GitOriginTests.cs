using System.Diagnostics;
using System.Text.Json;
using DiffLint.Cli;

namespace DiffLint.Tests.Cli;

public class GitOriginTests
{
    [Theory]
    [InlineData("git@github.com:o/r.git", "https://github.com/o/r")]
    [InlineData("git@github.com:o/r", "https://github.com/o/r")]
    [InlineData("ssh://git@github.com/o/r.git", "https://github.com/o/r")]
    [InlineData("ssh://git@git.example.org:2222/group/sub/r.git", "https://git.example.org/group/sub/r")]
    [InlineData("https://github.com/o/r.git", "https://github.com/o/r")]
    [InlineData("https://x-access-token:secret@github.com/o/r", "https://github.com/o/r")]
    [InlineData("https://git.example.org:8443/o/r/", "https://git.example.org:8443/o/r")]
    [InlineData("/srv/git/r.git", null)]
    [InlineData("C:\\repos\\r", null)]
    [InlineData("file:///srv/git/r.git", null)]
    [InlineData("", null)]
    public void RemotesBecomeBrowsableHttpsUris(string remote, string? expected) => Assert.Equal(expected, GitOrigin.Normalize(remote));

    [Fact]
    public void OriginOfAThrowawayRepository()
    {
        var directory = Directory.CreateTempSubdirectory("difflint-git-").FullName;
        try
        {
            Git(directory, "init", "-q");
            Git(directory, "remote", "add", "origin", "git@github.com:o/r.git");
            Assert.Equal("https://github.com/o/r", GitOrigin.RepositoryUri(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void NoRepositoryNoUri()
    {
        var directory = Directory.CreateTempSubdirectory("difflint-nogit-").FullName;
        try
        {
            Assert.Null(GitOrigin.RepositoryUri(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [SharedFact]
    public void RepositoryUriOptionFillsTheSarifProvenance()
    {
        var stdout = new StringWriter();
        var input = Path.Combine(TestPaths.Corpus, "bluez", "0001.patch");
        var exit = CommandLine.Run([input, "--format", "sarif", "--repository-uri", "https://github.com/bluez/bluez"], stdout, new StringWriter());
        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(stdout.ToString());
        var entry = doc.RootElement.GetProperty("runs")[0].GetProperty("versionControlProvenance")[0];
        Assert.Equal("https://github.com/bluez/bluez", entry.GetProperty("repositoryUri").GetString());
        var fromLine = File.ReadLines(input).First();
        Assert.Equal(fromLine[5..45], entry.GetProperty("revisionId").GetString());
    }

    private static void Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var git = Process.Start(start)!;
        git.WaitForExit();
        Assert.Equal(0, git.ExitCode);
    }
}
