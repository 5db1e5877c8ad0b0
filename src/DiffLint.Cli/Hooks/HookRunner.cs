using System.Text;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Git;
using DiffLint.Core.Model;
using DiffLint.Core.Reading;
using DiffLint.Core.Trees;

namespace DiffLint.Cli.Hooks;

/// <summary>
/// <c>difflint hook run &lt;event&gt; -- &lt;git's arguments&gt;</c>, what an installed hook executes. Findings go to stderr
/// (git shows it to the user); the exit code is non-zero at or above the fail level, which makes git refuse the send,
/// commit or push. <c>DIFFLINT_SKIP=1</c> lets one command through.
/// </summary>
internal sealed class HookRunner(Severity failOn, TextWriter stderr, Func<Stream> standardInput)
{
    private readonly string _directory = Environment.CurrentDirectory;

    /// <summary>
    /// Runs <c>hook run &lt;event&gt; --fail-on &lt;level&gt; -- &lt;git's arguments&gt;</c>, the words an installed hook executes,
    /// without building the command line (which costs a one-patch hook run as much CPU as reading its .editorconfig,
    /// finding its repository and writing its report together); null for any other form of arguments, which the command
    /// line parses. The action and its values are the ones the parser gives for these words. Here, not in
    /// <see cref="HookCommand"/>: code that names no System.CommandLine type, so that library is not even loaded.
    /// </summary>
    public static int? RunInstalledForm(string[] args, TextWriter stderr, Func<Stream> standardInput)
    {
        if (!IsInstalledForm(args)) return null;
        StartupTrace.Mark("hook command line read");
        SeverityNames.TryParse(args[4], out var level);
        return new HookRunner(level, stderr, standardInput).Run(args[2], args[6..]);
    }

    /// <summary>
    /// <c>hook run &lt;event&gt; --fail-on &lt;level&gt; -- ...</c> with a known event and level: the words an installed hook
    /// executes, which <see cref="RunInstalledForm"/> runs and a hook server (<see cref="HookServerClient"/>) may run.
    /// </summary>
    public static bool IsInstalledForm(string[] args) =>
        args is ["hook", "run", var hookEvent, "--fail-on", "error" or "warning" or "note", "--", ..] && Array.IndexOf(HookEvent.All, hookEvent) >= 0;

    public int Run(string hookEvent, IReadOnlyList<string> arguments)
    {
        if (Environment.GetEnvironmentVariable("DIFFLINT_SKIP") == "1")
        {
            stderr.WriteLine($"difflint: DIFFLINT_SKIP=1, {hookEvent} hook skipped");
            return ExitCodes.Clean;
        }

        try
        {
            var exit = hookEvent switch
            {
                HookEvent.SendEmailValidate => SendEmailValidate(arguments),
                HookEvent.CommitMsg => CommitMsg(arguments),
                _ => PrePush(arguments),
            };
            if (exit != ExitCodes.Clean)
            {
                stderr.WriteLine($"difflint: {hookEvent} refused (findings at or above '{failOn.ToName()}', or unreadable input).");
                stderr.WriteLine($"  Fix and retry, or let this one through: {HookEvent.Bypass(hookEvent)}");
            }

            return exit;
        }
        catch (GitInputException ex)
        {
            stderr.WriteLine($"difflint: {hookEvent}: {ex.ToInputError()}");
            return ExitCodes.UsageOrInput;
        }
    }

    /// <summary>
    /// <c>$1</c> is the patch file (cover letters too). Each call checks that one file: git calls the hook once per file
    /// and keeps no state between calls, so neither does difflint. Git ≥ 2.41 also passes <c>$2</c>, the envelope headers
    /// (To/Cc/Date/Message-ID), which no rule reads, and GIT_SENDEMAIL_FILE_COUNTER/TOTAL, used to name the position.
    /// </summary>
    private int SendEmailValidate(IReadOnlyList<string> arguments)
    {
        if (arguments.Count < 1 || !File.Exists(arguments[0]))
        {
            stderr.WriteLine("difflint: sendemail-validate: expected the patch file as the first argument");
            return ExitCodes.UsageOrInput;
        }

        var counter = Environment.GetEnvironmentVariable("GIT_SENDEMAIL_FILE_COUNTER");
        var total = Environment.GetEnvironmentVariable("GIT_SENDEMAIL_FILE_TOTAL");
        var exit = Analyze([new InputSource(arguments[0], arguments[0], 0)]);
        if (exit != ExitCodes.Clean && counter is not null && total is not null)
            stderr.WriteLine($"difflint: file {counter} of {total} handed to git send-email: {arguments[0]}");
        return exit;
    }

    /// <summary>
    /// <c>$1</c> is the message file. It becomes a mail whose subject is the first line, so the message rules see what
    /// the commit will carry: comment lines (<c>#</c>) and everything below the <c>git commit -v</c> scissors line
    /// become empty, keeping line numbers equal to the file's.
    /// </summary>
    private int CommitMsg(IReadOnlyList<string> arguments)
    {
        if (arguments.Count < 1 || !File.Exists(arguments[0]))
        {
            stderr.WriteLine("difflint: commit-msg: expected the commit message file as the first argument");
            return ExitCodes.UsageOrInput;
        }

        var mail = MessageAsMail(File.ReadAllText(arguments[0]));
        var bytes = Encoding.UTF8.GetBytes(mail);
        return Analyze([new InputSource(arguments[0], null, 0) { Content = () => new MemoryStream(bytes, writable: false), IsCommitMessageOnly = true }]);
    }

    internal static string MessageAsMail(string message)
    {
        var lines = message.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var cut = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("# ------------------------ >8 ------------------------", StringComparison.Ordinal)) cut = true;
            if (cut || lines[i].StartsWith('#')) lines[i] = "";
        }

        var subject = lines[0];
        var rest = lines.Skip(1).ToList();
        if (rest.Count == 0 || rest[0].Length > 0) rest.Insert(0, "");
        return $"Subject: [PATCH] {subject}\n{string.Join('\n', rest)}\n";
    }

    /// <summary>
    /// git writes <c>&lt;local-ref&gt; &lt;local-oid&gt; &lt;remote-ref&gt; &lt;remote-oid&gt;</c> lines; each pushed ref becomes one
    /// series: <c>remote-oid..local-oid</c>, or for a new ref (or a remote tip unknown here) the commits on no
    /// remote-tracking branch of the remote (<c>--root</c>: a lone tip is a range, not format-patch's "since tip").
    /// Deletions are not checked.
    /// </summary>
    private int PrePush(IReadOnlyList<string> arguments)
    {
        var remote = arguments.Count > 0 ? arguments[0] : "";
        var repository = GitRepository.Open(_directory);
        using var reader = new StreamReader(standardInput());
        var inputs = new List<InputSource>();
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 4 || IsZero(fields[1])) continue;
            var (localOid, remoteRef, remoteOid) = (fields[1], fields[2], fields[3]);
            var display = $"git:{remoteRef}";
            string[] revisions = !IsZero(remoteOid) && repository.HasCommit(remoteOid)
                ? [$"{remoteOid}..{localOid}"]
                : ["--root", localOid, "--not", IsRemoteName(remote) ? "--remotes=" + remote : "--remotes"];
            if (repository.FormatPatch(revisions, display, inputs.Count, "cannot list the pushed commits") is { } input) inputs.Add(input);
        }

        return inputs.Count == 0 ? ExitCodes.Clean : Analyze(inputs);
    }

    private int Analyze(IReadOnlyList<InputSource> inputs)
    {
        StartupTrace.Mark("hook run");
        var repository = GitRepository.Discover(_directory);
        // As on the command line without --tree: the repository serves the pre-images, read only if a rule asks.
        using var sourceTree = repository is null ? null : SourceTree.ForRepository(repository);
        using var commits = repository is null ? null : new GitCommitLookup(repository);
        StartupTrace.Mark("git repository found");
        return CheckCommand.Execute(new InputExpander.Expanded(inputs, []), CheckCommand.Settings.ForHook(failOn),
            commits, sourceTree, stderr, stderr, standardInput);
    }

    private static bool IsZero(string oid) => oid.AsSpan().IndexOfAnyExcept('0') < 0;

    /// <summary>A named remote, as opposed to a URL or path pushed to directly.</summary>
    private static bool IsRemoteName(string remote) =>
        remote.Length > 0 && remote.AsSpan().IndexOfAny(":/\\") < 0;
}
