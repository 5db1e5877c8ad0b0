using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Rules;

namespace DiffLint.Cli;

/// <summary>
/// The built-in rules, constructed and initialized (an engine over them, without settings) on a thread of their own from
/// the start of a process that is going to check something, while the main thread builds and parses the command line,
/// finds the repository and reads the .editorconfig. Making the rules is most of a hook's start-up and needs nothing the
/// command line says, so with a core to spare the two halves overlap; with both cores busy (a loaded machine) it gains
/// nothing but costs nothing either: the process's CPU time stayed the same, and each half took as long as it did alone
/// (DIFFLINT_TRACE_STARTUP shows the background thread's marks). The main thread settles the settings
/// (<see cref="AnalysisEngine.WithSettings"/>) once it has them. Whatever fails on that thread is simply left undone:
/// the main thread makes it again and reports the error exactly as it would have without this.
/// </summary>
internal static class PreparedEngine
{
    private static Thread? _thread;
    private static AnalysisEngine? _engine;

    /// <summary>Whether <paramref name="args"/> ask for a check (so for the built-in rules): a wrong guess costs time, never behaviour.</summary>
    public static bool IsWorthStarting(string[] args)
    {
        if (args.Length == 0 || args[0] is "rules" or "rule") return false;
        if (args[0] == "hook" && (args.Length < 2 || args[1] != "run" || Environment.GetEnvironmentVariable("DIFFLINT_SKIP") == "1")) return false;
        foreach (var arg in args)
        {
            if (arg == "--") break;
            if (arg is "--help" or "-h" or "-?" or "--version") return false;
        }

        return true;
    }

    public static void Start()
    {
        _thread = new Thread(() =>
        {
            try
            {
                _ = BuiltInRules.All;
                StartupTrace.Mark("built-in rules made (background)");
                _engine = new AnalysisEngine(BuiltInRules.All);
                StartupTrace.Mark("rules initialized (background)");
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Left for the main thread, which makes the rules again and reports the failure as a run without this would.
            }
        })
        {
            Name = "built-in rules",
            IsBackground = true,
        };
        _thread.Start();
    }

    /// <summary>The engine made on the thread, once it is done; null when none was started (or taken already) or making it failed.</summary>
    public static AnalysisEngine? Take()
    {
        if (Interlocked.Exchange(ref _thread, null) is not { } thread) return null;
        thread.Join();
        StartupTrace.Mark("background rules joined");
        var engine = _engine;
        _engine = null;
        return engine;
    }

    /// <summary>Waits for the thread when the run did not take its engine (a usage error, nothing to check): none is left running at exit.</summary>
    public static void Finish() => Take();
}
