using System.Collections;
using System.Diagnostics;
using System.Net.Sockets;

namespace DiffLint.Cli.Hooks;

/// <summary>
/// An installed hook's run handed to the hook server of this build (see <see cref="HookServer"/>), which has its rules
/// made and its code warm: what the user waits for is then this process's start and a socket round trip. When no server
/// answers (none yet, or it declines) the run happens here as always, and a run that found no server starts one for the
/// next.
/// </summary>
internal sealed class HookServerClient(HookServerAddress address, string[] args)
{
    /// <summary>How long the client waits for a server to take its request up before running the hook itself.</summary>
    private static readonly TimeSpan AcceptWait = TimeSpan.FromSeconds(2);

    private bool _noServer;
    private byte[]? _standardInput;

    /// <summary>The client for an installed hook's run that a server may take; null for every other command line, or with servers off.</summary>
    public static HookServerClient? For(string[] args)
    {
        if (!HookRunner.IsInstalledForm(args)
            || HookServerAddress.IsSwitchedOff(Environment.GetEnvironmentVariable)
            || Environment.GetEnvironmentVariable("DIFFLINT_SKIP") == "1") return null;
        return HookServerAddress.ForThisBuild(Environment.GetEnvironmentVariable) is { } address ? new HookServerClient(address, args) : null;
    }

    /// <summary>
    /// What pre-push read from standard input (git's list of pushed refs), which went to the server: the hook's own run
    /// reads it from here. Null for the other hooks, which read none.
    /// </summary>
    public Func<Stream>? StandardInputForOwnRun => _standardInput is { } read ? () => new MemoryStream(read, writable: false) : null;

    /// <summary>The run's exit code, its standard error written, when the server ran it; null when the hook is to run here.</summary>
    public int? TryRun()
    {
        if (args[2] == HookEvent.PrePush)
        {
            using var input = new MemoryStream();
            Console.OpenStandardInput().CopyTo(input);
            _standardInput = input.ToArray();
            if (_standardInput.Length > HookServerProtocol.MaximumRequestBytes / 2) return null;
        }

        var request = new HookServerProtocol.Request(HookServerProtocol.Kind.Run, Environment.CurrentDirectory, args, CurrentEnvironment(), _standardInput ?? []);
        if (Send(address, request, out _noServer) is not { Outcome: HookServerProtocol.Outcome.Ran } answer) return null;
        if (answer.Error.Length > 0)
        {
            Console.Error.Write(answer.Error);
            Console.Error.Flush();
        }

        return answer.ExitCode;
    }

    /// <summary>
    /// Starts a server for the next run when this one found none. It runs detached: its own session (no terminal's
    /// signals), the root folder as its working folder, its standard streams pipes this process drops at exit (never
    /// git's, which would keep git waiting for the hook's output until the server ended).
    /// </summary>
    public void StartServerIfNone()
    {
        // A server that could not listen said why; starting another would fail the same way at every hook run.
        if (!_noServer || address.IsMarkedUnusable || IsStarting()) return;
        try
        {
            var program = HookProgram.Current();
            var start = new ProcessStartInfo(program.Command[0])
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = "/",
            };
            foreach (var word in program.Command.Skip(1)) start.ArgumentList.Add(word);
            start.ArgumentList.Add("hook");
            start.ArgumentList.Add("serve");
            // The hook's start-up settings are for a process that lives for one file: a server keeps W^X and writes no
            // trace. It runs one request at a time, mostly one small file, and waits between them: the workstation
            // collector, whichever hook started it (pre-push's script keeps the archive settings, the server collector).
            start.Environment.Remove("DOTNET_EnableWriteXorExecute");
            start.Environment.Remove("DIFFLINT_TRACE_STARTUP");
            start.Environment["DOTNET_gcServer"] = "0";
            using var server = Process.Start(start);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            // No server: the next run checks on its own, as this one did.
        }
    }

    /// <summary>
    /// Whether a server holds the build's lock but listens not yet (it makes its rules and warms up first, a few hundred
    /// milliseconds): the hook runs of a series sent meanwhile run themselves without starting one more each.
    /// </summary>
    private bool IsStarting()
    {
        if (!File.Exists(address.Lock)) return false;
        try
        {
            using var held = address.TryLock(create: false);
            return held is null;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>What <c>difflint hook status</c> says of this build's hook server.</summary>
    public static string Describe()
    {
        if (HookServerAddress.IsSwitchedOff(Environment.GetEnvironmentVariable)) return $"off ({HookServerAddress.SwitchVariable}=0); hooks run themselves";
        if (HookServerAddress.ForThisBuild(Environment.GetEnvironmentVariable) is not { } address)
            return $"none: no private folder for one (XDG_RUNTIME_DIR, {HookServerAddress.FolderVariable} or the temporary folder must be the user's own, mode 0700); hooks run themselves";
        if (address.IsMarkedUnusable) return $"none: the last one could not listen ({File.ReadAllText(address.Unusable).Trim()}); hooks run themselves";
        using var socket = Connect(address);
        return socket is not null ? $"serving this build's hooks at {address.Socket}" : "none running; the next hook run starts one";
    }

    /// <summary>Sends <paramref name="request"/> to the server at <paramref name="address"/>; null without a whole answer (<paramref name="noServer"/>: none listens).</summary>
    internal static (HookServerProtocol.Outcome Outcome, int ExitCode, string Error)? Send(HookServerAddress address, HookServerProtocol.Request request, out bool noServer)
    {
        using var socket = Connect(address);
        noServer = socket is null;
        if (socket is null) return null;
        try
        {
            using var stream = new NetworkStream(socket, ownsSocket: false);
            HookServerProtocol.WriteRequest(stream, request);
            socket.ReceiveTimeout = (int)AcceptWait.TotalMilliseconds;
            if (stream.ReadByte() != HookServerProtocol.Accepted) return null;
            socket.ReceiveTimeout = 0;
            return HookServerProtocol.ReadAnswer(stream);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            return null;
        }
    }

    /// <summary>A socket connected to the server at <paramref name="address"/>; null when none listens there.</summary>
    private static Socket? Connect(HookServerAddress address)
    {
        // A missing socket is the common case before a server starts; asking the file system is cheaper than a failed connect.
        if (!File.Exists(address.Socket)) return null;
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(address.Socket));
            return socket;
        }
        catch (SocketException)
        {
            socket.Dispose(); // a socket left by a server that was killed
            return null;
        }
    }

    internal static Dictionary<string, string> CurrentEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry is { Key: string name, Value: string value }) environment[name] = value;
        }

        return environment;
    }
}
