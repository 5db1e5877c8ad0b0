using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Rules;

namespace DiffLint.Cli;

/// <summary>
/// The built-in rules, constructed (an engine over them, without settings) on a thread of their own from the start of a
/// process that is going to check something, while the main thread builds and parses the command line, finds the
/// repository and reads the .editorconfig. Making the rules is most of a hook's start-up and needs nothing the command
/// line says, so with a core to spare the two halves overlap; with both cores busy (a loaded machine) it gains nothing but
/// costs nothing either: the process's CPU time stayed the same, and each half took as long as it did alone
/// (DIFFLINT_TRACE_STARTUP shows the background thread's marks). The main thread takes the engine as soon as the rules
/// are made and settles the settings (<see cref="AnalysisEngine.WithSettings"/>); the rules' <c>Initialize</c> goes on
/// on this thread meanwhile (<see cref="AnalysisEngine.InitializingLater"/>), while the main thread reads and parses the
/// input, which needs no rule. Whatever fails on that thread is simply left undone: the main thread makes it again and
/// reports the error as it would have without this (a built-in rule whose <c>Initialize</c> throws, which the tests rule
/// out, by the analysis that needs the rule rather than at start).
/// </summary>
internal static class PreparedEngine
{
    private static Thread? _thread;
    private static AnalysisEngine? _engine;
    private static AnalysisEngine? _resident;
    private static readonly object Made = new();
    private static bool _made;

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
            AnalysisEngine? engine = null;
            try
            {
                _ = BuiltInRules.All;
                StartupTrace.Mark("built-in rules made (background)");
                engine = AnalysisEngine.InitializingLater(BuiltInRules.All);
                StartupTrace.Mark("engine made (background)");
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Left for the main thread, which makes the rules again and reports the failure as a run without this would.
            }
            finally
            {
                lock (Made)
                {
                    _engine = engine;
                    _made = true;
                    Monitor.PulseAll(Made);
                }
            }

            try
            {
                // The engine is handed over already: the main thread reads and parses the input while the rules are
                // initialized here, and initializes itself any rule its analysis needs before this thread got to it.
                engine?.InitializeRules();
                StartupTrace.Mark("rules initialized (background)");
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The rule that threw is initialized again where an analysis needs it, which reports the failure.
            }
        })
        {
            Name = "built-in rules",
            IsBackground = true,
        };
        _thread.Start();
    }

    /// <summary>
    /// The hook server's engine: made and initialized here, once, and given to every run of the process (an engine over
    /// the built-in rules holds no run's state; each run takes it <see cref="AnalysisEngine.WithSettings"/>).
    /// </summary>
    public static void MakeResident()
    {
        var engine = AnalysisEngine.InitializingLater(BuiltInRules.All);
        engine.InitializeRules();
        _resident = engine;
    }

    /// <summary>
    /// The engine made on the thread, once it is made (its rules may still be being initialized there), or the resident
    /// one; null when none was started (or taken already) or making it failed.
    /// </summary>
    public static AnalysisEngine? Take()
    {
        if (_resident is { } resident) return resident;
        if (Volatile.Read(ref _thread) is null) return null;
        lock (Made)
        {
            while (!_made) Monitor.Wait(Made);
            StartupTrace.Mark("background engine taken");
            var engine = _engine;
            _engine = null;
            return engine;
        }
    }

    /// <summary>Waits for the thread (the rules' initialization included): none is left running at exit, nor beside an engine made again.</summary>
    public static void Finish()
    {
        if (Interlocked.Exchange(ref _thread, null) is { } thread) thread.Join();
    }
}
