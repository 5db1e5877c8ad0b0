using System.Collections;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using DiffLint.Core.Analysis;
using DiffLint.Core.Packs;

namespace DiffLint.Cli.Hooks;

/// <summary>
/// <c>difflint hook serve</c>: a process that runs installed hooks (sendemail-validate, commit-msg, pre-push) for their clients
/// (<see cref="HookServerClient"/>), so that a hook run pays for neither making the rules nor the first run of their
/// code. It is what Roslyn's compiler server is to <c>csc</c>: the first hook run of a build starts it, it serves
/// requests one at a time, and it ends after a while without any.
/// <para>
/// A request runs exactly as the client's own run would: the server takes on the client's working folder and whole
/// environment for it (requests run one at a time, so the process's folder and environment are the request's), reads
/// the repository, its .editorconfig and the patch afresh, and writes what the run writes to standard error into the
/// answer. What it keeps between requests is only what depends on no request: the built-in rules, made and
/// initialized once. A repository with rule packs (its own code, loaded into a process) is declined, and so is a run
/// that fails inside DiffLint: the client runs those itself, and so reports them as it always did.
/// </para>
/// </summary>
internal sealed class HookServer(HookServerAddress address, TimeSpan idle)
{
    /// <summary>How long a server waits for its next request before it ends.</summary>
    public static readonly TimeSpan DefaultIdle = TimeSpan.FromMinutes(10);

    /// <summary>How long a connected client may take to send its request.</summary>
    private static readonly TimeSpan RequestWait = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, string> _ownEnvironment = HookServerClient.CurrentEnvironment();

    /// <summary>Serves until idle or stopped; 0 also when another server of this build is already serving.</summary>
    public int Serve()
    {
        DetachFromTerminal();
        Directory.SetCurrentDirectory("/");
        using var held = address.TryLock(create: true);
        if (held is null) return ExitCodes.Clean;

        PreparedEngine.MakeResident();
        WarmUp();
        File.Delete(address.Socket);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(address.Socket));
            listener.Listen(16);
            File.Delete(address.Unusable);
        }
        catch (SocketException ex)
        {
            File.WriteAllText(address.Unusable, $"{address.Socket}: {ex.Message}\n");
            return ExitCodes.UsageOrInput;
        }

        try
        {
            while (listener.Poll(idle, SelectMode.SelectRead))
            {
                using var connection = listener.Accept();
                if (Handle(connection) == HookServerProtocol.Kind.Stop) break;
            }
        }
        finally
        {
            File.Delete(address.Socket);
        }

        return ExitCodes.Clean;
    }

    private HookServerProtocol.Kind? Handle(Socket connection)
    {
        try
        {
            connection.ReceiveTimeout = (int)RequestWait.TotalMilliseconds;
            using var stream = new NetworkStream(connection, ownsSocket: false);
            if (HookServerProtocol.ReadRequest(stream) is not { } request) return null;
            stream.WriteByte(HookServerProtocol.Accepted);
            var (outcome, exit, error) = request.Kind == HookServerProtocol.Kind.Stop
                ? (HookServerProtocol.Outcome.Ran, ExitCodes.Clean, "")
                : Run(request);
            HookServerProtocol.WriteAnswer(stream, outcome, exit, error);
            return request.Kind;
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            return null; // the client went away; it runs the hook itself if it still can
        }
    }

    /// <summary>The hook run of <paramref name="request"/>, in the client's folder and environment.</summary>
    private (HookServerProtocol.Outcome, int, string) Run(HookServerProtocol.Request request)
    {
        var declined = (HookServerProtocol.Outcome.Declined, ExitCodes.InternalError, "");
        if (!HookRunner.IsInstalledForm(request.Arguments)) return declined;
        try
        {
            TakeOn(request.Environment);
            Directory.SetCurrentDirectory(request.WorkingFolder);
            if (UsesRulePacks(request.WorkingFolder)) return declined;
            var error = new StringWriter();
            return HookRunner.RunInstalledForm(request.Arguments, error, () => new MemoryStream(request.StandardInput, writable: false)) is { } exit and not ExitCodes.InternalError
                ? (HookServerProtocol.Outcome.Ran, exit, error.ToString())
                : declined;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return declined;
        }
        finally
        {
            TakeOn(_ownEnvironment);
            Directory.SetCurrentDirectory("/");
        }
    }

    /// <summary>Whether the repository's .editorconfig names rule packs or rule sources, which a server does not load.</summary>
    private static bool UsesRulePacks(string folder) =>
        EditorConfigSettings.Load(EditorConfigSettings.RootOf(folder)) is { } settings
        && (settings.GlobalOption(RulePackConfiguration.PacksKey) is not null || settings.GlobalOption(RulePackConfiguration.SourcesKey) is not null);

    /// <summary>Makes the process's environment <paramref name="environment"/>: what git and DiffLint's rules read is then the client's.</summary>
    private static void TakeOn(IReadOnlyDictionary<string, string> environment)
    {
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && !environment.ContainsKey(name)) Environment.SetEnvironmentVariable(name, null);
        }

        foreach (var (name, value) in environment)
        {
            if (name.Length > 0 && !name.Contains('=')) Environment.SetEnvironmentVariable(name, value);
        }
    }

    /// <summary>
    /// One run of a small patch before the first request: the first run of each rule's code (loading its types,
    /// binding its precompiled code) is most of what a cold hook run spends after making the rules.
    /// </summary>
    private void WarmUp()
    {
        var folder = Directory.CreateTempSubdirectory("difflint-warm-up-");
        try
        {
            var patch = Path.Combine(folder.FullName, "0001-warm-up.patch");
            File.WriteAllText(patch, WarmUpPatch.Text);
            Run(new HookServerProtocol.Request(HookServerProtocol.Kind.Run, folder.FullName,
                ["hook", "run", HookEvent.SendEmailValidate, "--fail-on", "error", "--", patch], _ownEnvironment, []));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A session of its own: the terminal's Ctrl-C and hang-up, meant for git and the hook, do not reach the server.</summary>
    private static void DetachFromTerminal()
    {
        try
        {
            _ = SetSid();
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // A platform without setsid: the server ends with the terminal, and the next hook run starts another.
        }
    }

    [DllImport("libc", EntryPoint = "setsid")]
    private static extern int SetSid();
}
