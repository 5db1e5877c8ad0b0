using System.Diagnostics;
using DiffLint.Cli.Hooks;

namespace DiffLint.Tests.Git;

/// <summary>
/// The hook server (<c>difflint hook serve</c>): a served hook run reports exactly what the hook's own run reports, in
/// the client's folder and environment, and a server never holds git up.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class HookServerTests
{
    /// <summary>A sandbox whose hooks use a server in a private folder of the sandbox's own, stopped at the end.</summary>
    private sealed class ServedSandbox : IDisposable
    {
        public ServedSandbox()
        {
            ServerFolder = Path.Combine(Repo.Root, ".server");
            Directory.CreateDirectory(ServerFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Repo.Environment["DIFFLINT_HOOK_SERVER"] = "1";
            Repo.Environment["DIFFLINT_HOOK_SERVER_DIR"] = ServerFolder;
        }

        public GitSandbox Repo { get; } = new();

        public string ServerFolder { get; }

        public bool IsServing => Directory.EnumerateFiles(ServerFolder, "*.sock").Any();

        /// <summary>Runs the installed hook as git does, served or as its own run, with <paramref name="environment"/> added.</summary>
        public (int Exit, string Err) Hook(string hookEvent, string file, bool served, params (string Name, string Value)[] environment)
        {
            var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (!served) variables["DIFFLINT_HOOK_SERVER"] = "0";
            foreach (var (name, value) in environment) variables[name] = value;
            var (exit, _, error) = Repo.Run(Path.Combine(Repo.HooksDirectory, hookEvent), [file], environment: variables);
            return (exit, error);
        }

        /// <summary>Installs the sendemail-validate hook and runs it once, which starts a server; a patch to check.</summary>
        public string ServeSendEmailValidate()
        {
            GitSandbox.Succeed(Repo.RunDiffLint("hook", "install", "sendemail-validate"));
            var patch = Path.Combine(TestPaths.Corpus, "git", "0001.patch");
            Hook(HookEvent.SendEmailValidate, patch, served: true);
            WaitUntilServing();
            return patch;
        }

        /// <summary>Waits for the server the first run started to listen.</summary>
        public void WaitUntilServing()
        {
            var clock = Stopwatch.StartNew();
            while (!IsServing)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "no hook server started within 60 s");
                Thread.Sleep(50);
            }
        }

        public void Dispose()
        {
            Repo.RunDiffLint("hook", "serve", "--stop");
            Repo.Dispose();
        }
    }

    [Fact]
    public void ServedRunsReportWhatTheHooksOwnRunsReport()
    {
        using var sandbox = new ServedSandbox();
        GitSandbox.Succeed(sandbox.Repo.RunDiffLint("hook", "install", "sendemail-validate"));
        var patches = new[] { "git/0001.patch", "git/0002.patch", "bluez/0001.patch", "u-boot/0001.patch", "iproute2/0001.patch", "util-linux/0001.patch" }
            .Select(p => Path.Combine(TestPaths.Corpus, p)).Where(File.Exists).ToList();
        Assert.True(patches.Count >= 4);
        var withoutSignOff = Path.Combine(sandbox.Repo.Root, "no-sign-off.patch");
        File.WriteAllLines(withoutSignOff, File.ReadAllLines(patches[0]).Where(l => !l.StartsWith("Signed-off-by:", StringComparison.Ordinal)));
        patches.Add("no-sign-off.patch"); // relative: the server resolves it in the client's folder

        var first = sandbox.Hook(HookEvent.SendEmailValidate, patches[0], served: true);
        Assert.Equal(sandbox.Hook(HookEvent.SendEmailValidate, patches[0], served: false), first);
        sandbox.WaitUntilServing();

        foreach (var patch in patches)
        {
            var own = sandbox.Hook(HookEvent.SendEmailValidate, patch, served: false);
            var counted = (("GIT_SENDEMAIL_FILE_COUNTER", "2"), ("GIT_SENDEMAIL_FILE_TOTAL", "3"));
            Assert.Equal(own, sandbox.Hook(HookEvent.SendEmailValidate, patch, served: true));
            Assert.Equal(sandbox.Hook(HookEvent.SendEmailValidate, patch, served: false, counted.Item1, counted.Item2),
                sandbox.Hook(HookEvent.SendEmailValidate, patch, served: true, counted.Item1, counted.Item2));
        }

        var refused = sandbox.Hook(HookEvent.SendEmailValidate, "no-sign-off.patch", served: true, ("GIT_SENDEMAIL_FILE_COUNTER", "2"), ("GIT_SENDEMAIL_FILE_TOTAL", "3"));
        Assert.Equal(1, refused.Exit);
        Assert.Contains("[DL1001]", refused.Err);
        Assert.Contains("file 2 of 3 handed to git send-email: no-sign-off.patch", refused.Err);
        // The client's environment is the run's: DIFFLINT_SKIP lets this one through on the server too.
        Assert.Equal((0, "difflint: DIFFLINT_SKIP=1, sendemail-validate hook skipped\n"),
            sandbox.Hook(HookEvent.SendEmailValidate, "no-sign-off.patch", served: true, ("DIFFLINT_SKIP", "1")));
        var traced = sandbox.Hook(HookEvent.SendEmailValidate, patches[0], served: true, ("DIFFLINT_TRACE_STARTUP", "1"));
        Assert.Contains("served by the hook server", traced.Err);
    }

    [Fact]
    public void HooksRunAtTheSameTimeAreEachAnsweredWithTheirOwnRun()
    {
        using var sandbox = new ServedSandbox();
        sandbox.ServeSendEmailValidate();
        var patches = new[] { "git/0001.patch", "git/0002.patch", "bluez/0001.patch", "u-boot/0001.patch" }
            .Select(p => Path.Combine(TestPaths.Corpus, p)).Where(File.Exists).ToArray();
        var expected = patches.Select(p => sandbox.Hook(HookEvent.SendEmailValidate, p, served: false)).ToArray();

        // Three rounds of every patch at once: one is served while the others wait their turn (or run themselves).
        var runs = Enumerable.Range(0, 3 * patches.Length).AsParallel().WithDegreeOfParallelism(8)
            .Select(i => (Index: i % patches.Length, Result: sandbox.Hook(HookEvent.SendEmailValidate, patches[i % patches.Length], served: true)))
            .ToList();

        foreach (var (index, result) in runs) Assert.Equal(expected[index], result);
    }

    [Fact]
    public void CommitMsgIsServedInTheRepositoryGitRunsItIn()
    {
        using var sandbox = new ServedSandbox();
        GitSandbox.Succeed(sandbox.Repo.RunDiffLint("hook", "install", "commit-msg"));
        File.WriteAllText(Path.Combine(sandbox.Repo.Root, "a.c"), "int a;\n");
        GitSandbox.Succeed(sandbox.Repo.Git("add", "a.c"));

        Assert.NotEqual(0, sandbox.Repo.Git("commit", "-q", "-m", "a: add a").Exit); // cold: the hook's own run, which starts a server
        sandbox.WaitUntilServing();
        var refused = sandbox.Repo.Git("commit", "-q", "-m", "a: add a");
        Assert.NotEqual(0, refused.Exit);
        Assert.Contains("[DL1001]", refused.Err);
        Assert.Contains(".git/COMMIT_EDITMSG", refused.Err);

        GitSandbox.Succeed(sandbox.Repo.Git("commit", "-q", "-s", "-m", "a: add a"));
        Assert.Equal("a: add a\n", sandbox.Repo.Git("log", "-1", "--format=%s").Out);
    }

    [Fact]
    public void PrePushIsServedWithTheRefsGitWrote()
    {
        using var sandbox = new ServedSandbox();
        var repo = sandbox.Repo;
        var remote = repo.AddOrigin(pushMaster: true);
        GitSandbox.Succeed(repo.RunDiffLint("hook", "install", "pre-push"));
        repo.Commit("base.c", "int base;\nint a;\n", "a: add a", signOff: true, body: "base.c holds a too.");
        repo.Commit("b.c", "int b;\n", "b: add b", signOff: false);
        var head = repo.Git("rev-parse", "HEAD").Out.Trim();
        var pushed = repo.Git("rev-parse", "origin/master").Out.Trim();
        var refs = $"refs/heads/master {head} refs/heads/master {pushed}\n";
        var hook = Path.Combine(repo.HooksDirectory, "pre-push");
        (int, string) Push(bool served) =>
            repo.Run(hook, ["origin", remote], refs, served ? null : new Dictionary<string, string?> { ["DIFFLINT_HOOK_SERVER"] = "0" }) is var (exit, _, error) ? (exit, error) : default;

        var own = Push(served: false);
        Assert.Equal(1, own.Item1);
        Assert.Contains("b: add b", own.Item2);
        Assert.Equal(own, Push(served: true)); // the first: its own run, which starts a server
        sandbox.WaitUntilServing();
        Assert.Equal(own, Push(served: true));
        Assert.Equal(own.Item1, repo.Git("push", "-q", "origin", "master").Exit);
    }

    [GitEmailFact]
    public void GitSendEmailIsNotHeldUpByTheServerItsHookStarted()
    {
        using var sandbox = new ServedSandbox();
        sandbox.Repo.Commit("a.c", "int a;\n", "a: add a", signOff: true);
        GitSandbox.Succeed(sandbox.Repo.RunDiffLint("hook", "install", "sendemail-validate"));
        var patch = GitSandbox.Succeed(sandbox.Repo.Git("format-patch", "-1", "-o", "out")).Out.Trim();
        string[] sendEmail = ["send-email", "--to=list@example.com", "--dry-run", "--validate", "--confirm=never", patch];

        var clock = Stopwatch.StartNew();
        var cold = sandbox.Repo.Git(sendEmail);
        Assert.True(cold.Exit == 0, cold.Err);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"git send-email took {clock.Elapsed} with a server started beside it");
        sandbox.WaitUntilServing();
        var served = sandbox.Repo.Git(sendEmail);
        Assert.True(served.Exit == 0, served.Err);
        Assert.Contains("Dry-OK", served.Out);
    }

    [Fact]
    public void StopEndsTheServerAndHooksRunThemselvesAgain()
    {
        using var sandbox = new ServedSandbox();
        var patch = sandbox.ServeSendEmailValidate();

        Assert.Contains("hook server: serving this build's hooks at " + sandbox.ServerFolder,
            GitSandbox.Succeed(sandbox.Repo.RunDiffLint("hook", "status")).Out);
        Assert.Contains("hook server stopped", GitSandbox.Succeed(sandbox.Repo.RunDiffLint("hook", "serve", "--stop")).Out);
        Assert.Contains("hook server: none running", GitSandbox.Succeed(sandbox.Repo.RunDiffLint("hook", "status")).Out);
        Assert.False(sandbox.IsServing);
        Assert.Contains("no hook server of this build runs", GitSandbox.Succeed(sandbox.Repo.RunDiffLint("hook", "serve", "--stop")).Out);
        Assert.Equal(sandbox.Hook(HookEvent.SendEmailValidate, patch, served: false), sandbox.Hook(HookEvent.SendEmailValidate, patch, served: true));
    }

    [Fact]
    public void ARepositoryWithRulePacksIsLeftToTheHooksOwnRun()
    {
        using var sandbox = new ServedSandbox();
        var patch = sandbox.ServeSendEmailValidate();
        File.WriteAllText(Path.Combine(sandbox.Repo.Root, ".editorconfig"), "root = true\n\n[*]\ndifflint_rule_packs = no-such-pack.dll\n");

        // The pack cannot be loaded: the hook's own run says so, which a server that loaded packs would not have.
        var run = sandbox.Hook(HookEvent.SendEmailValidate, patch, served: true, ("DIFFLINT_TRACE_STARTUP", "1"));
        Assert.Equal(2, run.Exit);
        Assert.Contains("no-such-pack.dll", run.Err);
        Assert.DoesNotContain("served by the hook server", run.Err);
        Assert.True(sandbox.IsServing);
    }

    [Fact]
    public void AFolderOthersCanEnterIsNotUsed()
    {
        var folder = Directory.CreateTempSubdirectory("difflint-server-test-").FullName;
        try
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
            string? Environment(string name) => name == HookServerAddress.FolderVariable ? folder : null;
            Assert.Null(HookServerAddress.ForThisBuild(Environment));

            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var address = HookServerAddress.ForThisBuild(Environment);
            Assert.NotNull(address);
            Assert.Equal(folder, Path.GetDirectoryName(address.Socket));
            Assert.EndsWith(".sock", address.Socket);
            Assert.True(HookServerAddress.IsSwitchedOff(name => name == HookServerAddress.SwitchVariable ? "0" : null));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void NoDamageToARequestMakesTheServerThrow()
    {
        var request = new HookServerProtocol.Request(HookServerProtocol.Kind.Run, "/repo",
            ["hook", "run", "pre-push", "--fail-on", "error", "--", "origin"], new Dictionary<string, string> { ["GIT_DIR"] = ".git" }, [1, 2, 3]);
        var wire = new MemoryStream();
        HookServerProtocol.WriteRequest(wire, request);
        var good = wire.ToArray();
        var random = new Random(20261207);
        for (var i = 0; i < 5_000; i++)
        {
            var damaged = (byte[])good.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--) damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            var cut = random.Next(4) == 0 ? damaged[..random.Next(damaged.Length)] : damaged;
            _ = HookServerProtocol.ReadRequest(new MemoryStream(cut)); // a request or null, never an exception
            _ = HookServerProtocol.ReadAnswer(new MemoryStream(cut));
        }
    }

    [Fact]
    public void RequestsAndAnswersSurviveTheWireAndDamagedOnesAreRefused()
    {
        var request = new HookServerProtocol.Request(HookServerProtocol.Kind.Run, "/work/ü",
            ["hook", "run", "commit-msg", "--fail-on", "error", "--", "a b"], new Dictionary<string, string> { ["A"] = "1", ["EMPTY"] = "" }, "refs/heads/master 1 refs/heads/master 0\n"u8.ToArray());
        var wire = new MemoryStream();
        HookServerProtocol.WriteRequest(wire, request);
        wire.Position = 0;
        var read = HookServerProtocol.ReadRequest(wire);
        Assert.NotNull(read);
        Assert.Equal(request.WorkingFolder, read.WorkingFolder);
        Assert.Equal(request.Arguments, read.Arguments);
        Assert.Equal(request.Environment, read.Environment);
        Assert.Equal(request.StandardInput, read.StandardInput);

        var bytes = wire.ToArray();
        Assert.Null(HookServerProtocol.ReadRequest(new MemoryStream(bytes[..^1])));         // cut short
        Assert.Null(HookServerProtocol.ReadRequest(new MemoryStream([0xff, 0xff, 0xff, 0x7f]))); // a frame beyond the limit
        bytes[4] = 99;
        Assert.Null(HookServerProtocol.ReadRequest(new MemoryStream(bytes)));                // another version

        var answer = new MemoryStream();
        HookServerProtocol.WriteAnswer(answer, HookServerProtocol.Outcome.Ran, 1, "x.patch:3: error: ...\n");
        answer.Position = 0;
        Assert.Equal((HookServerProtocol.Outcome.Ran, 1, "x.patch:3: error: ...\n"), HookServerProtocol.ReadAnswer(answer));
        Assert.Null(HookServerProtocol.ReadAnswer(new MemoryStream(answer.ToArray()[..^2])));
    }
}
