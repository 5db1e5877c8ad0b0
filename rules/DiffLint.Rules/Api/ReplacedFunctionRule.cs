using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>
/// Reports calls to libc and GLib functions that QEMU replaces with its own (or safer) ones: strto* → qemu_strto*,
/// malloc/free → g_malloc/g_free, g_memdup → g_memdup2, bzero → memset, getpagesize → qemu_real_host_page_size,
/// <c>sysconf(_SC_PAGESIZE)</c> → qemu_real_host_page_size, <c>signal()</c> installing a handler → sigaction,
/// strerrorname_np → strerror, ffs* → ctz*, and the <c>__FUNCTION__</c> spelling of <c>__func__</c>.
/// </summary>
[DiffLintRule]
public sealed class ReplacedFunctionRule : PatchRule
{
    public static readonly RuleDescriptor Strto = QemuApiDescriptor.Create("DL4001", "qemu-strto", "libc strto* instead of qemu_strto*",
        "Consider using qemu_{0} in preference to {0}", "Q_QEMU_STRTO", """
            ## What it does
            Reports a call to `strtol`, `strtoul`, `strtoll`, `strtoull`, `strtoimax`... (any `strto*` except
            `strtok` and `strtod`).

            ## Why it matters
            The libc functions need `errno` reset and checked, the end pointer tested and the range verified; callers
            rarely get all of it right. QEMU's `qemu_strtol()` family (util/cutils.c) does it and returns an error.

            ## Example
            ```diff
            +    port = strtol(str, &end, 10);
            ```
            Use `qemu_strtoi(str, &end, 10, &port)` and check its result.

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor LibcAllocation = QemuApiDescriptor.Create("DL4002", "glib-allocation", "libc allocation instead of GLib",
        "Use g_{0}() instead of {0}()", null, """
            ## What it does
            Reports calls to `malloc`, `calloc`, `realloc` and `free`.

            ## Why it matters
            QEMU allocates with GLib (`g_malloc`, `g_new`, `g_new0`, `g_renew`) and frees with `g_free`: the GLib
            allocators abort on failure instead of returning NULL, and memory from one family must not be freed by
            the other (docs/devel/style.rst, "Low level memory management").

            ## Example
            ```diff
            +    s = malloc(sizeof(*s));
            ```
            Use `s = g_new(State, 1);`.

            ## Configuration
            QEMU profile only. checkpatch has no such check; reviewers ask for it.
            """);

    public static readonly RuleDescriptor Memdup = QemuApiDescriptor.Create("DL4013", "g-memdup", "g_memdup instead of g_memdup2",
        "Use g_memdup2() instead of unsafe g_memdup()", "Q_G_MEMDUP", """
            ## What it does
            Reports calls to `g_memdup()`.

            ## Why it matters
            `g_memdup()` takes a 32-bit size, so a large length silently wraps (CVE-2021-27219); `g_memdup2()` takes
            a `gsize`.

            ## Example
            ```diff
            +    copy = g_memdup(buf, len);
            ```

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor Bzero = QemuApiDescriptor.Create("DL4014", "bzero", "bzero instead of memset",
        "Use memset() instead of bzero()", "Q_BZERO", """
            ## What it does
            Reports calls to `bzero()`.

            ## Why it matters
            `bzero()` is a legacy BSD function, removed from POSIX.1-2008; `memset()` is standard C.

            ## Example
            ```diff
            +    bzero(&addr, sizeof(addr));
            ```

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor PageSize = QemuApiDescriptor.Create("DL4015", "getpagesize", "getpagesize instead of qemu_real_host_page_size",
        "Use qemu_real_host_page_size() instead of getpagesize()", "Q_GETPAGESIZE", """
            ## What it does
            Reports calls to `getpagesize()`.

            ## Why it matters
            `getpagesize()` is not portable (it is missing on Windows); QEMU caches the host page size in
            `qemu_real_host_page_size()`.

            ## Example
            ```diff
            +    size_t align = getpagesize();
            ```

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor SysconfPageSize = QemuApiDescriptor.Create("DL4011", "sysconf-pagesize",
        "sysconf(_SC_PAGESIZE) instead of qemu_real_host_page_size", "Use qemu_real_host_page_size() instead of sysconf({0})",
        "Q_SYSCONF_PAGESIZE", """
            ## What it does
            Reports `sysconf(_SC_PAGESIZE)` and its POSIX synonym `sysconf(_SC_PAGE_SIZE)`.

            ## Why it matters
            `sysconf()` is not available on every host QEMU builds for (Windows); QEMU caches the host page size in
            `qemu_real_host_page_size()`. checkpatch only knows the `_SC_PAGESIZE` spelling.

            ## Example
            ```diff
            +    long page = sysconf(_SC_PAGESIZE);
            ```

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor Signal = QemuApiDescriptor.Create("DL4012", "signal-handler", "signal() installing a handler",
        "Use sigaction to establish signal handlers; signal is not portable", "Q_SIGNAL", """
            ## What it does
            Reports a call to `signal()` whose handler argument is anything but `SIG_IGN` or `SIG_DFL`.

            ## Why it matters
            What `signal()` does with a handler differs between systems: System V resets the disposition to
            `SIG_DFL` when the signal arrives and does not restart interrupted system calls, BSD and glibc keep the
            handler and restart. `sigaction()` states the flags (`SA_RESTART`, `SA_RESETHAND`...) explicitly.
            Ignoring a signal or restoring its default with `signal()` is portable and is not reported.

            ## Example
            ```diff
            +    signal(SIGCHLD, sigchld_handler);
            ```
            Fill a `struct sigaction` and call `sigaction(SIGCHLD, &act, NULL)`.

            ## Configuration
            QEMU profile only. Members (`s->signal(...)`) and declarations are not calls to libc's `signal()`.
            """);

    public static readonly RuleDescriptor StrerrorName = QemuApiDescriptor.Create("DL4016", "strerrorname-np", "strerrorname_np instead of strerror",
        "Use strerror() instead of strerrorname_np()", "Q_STRERRORNAME_NP", """
            ## What it does
            Reports calls to `strerrorname_np()`.

            ## Why it matters
            It is a glibc extension (2.32 and later); QEMU builds on other C libraries and hosts.

            ## Example
            ```diff
            +    error_report("failed: %s", strerrorname_np(errno));
            ```

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor Ffs = QemuApiDescriptor.Create("DL4017", "ffs", "ffs instead of ctz",
        "Use {1} instead of {0}()", "Q_FFS", """
            ## What it does
            Reports calls to `ffs()`, `ffsl()` and `ffsll()`.

            ## Why it matters
            The `ffs` family is not available everywhere and counts from 1 with 0 for "no bit"; QEMU's `ctz32()` and
            `ctz64()` (qemu/host-utils.h) are portable and say what they do.

            ## Example
            ```diff
            +    int bit = ffs(mask) - 1;
            ```
            Use `ctz32(mask)`.

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor FunctionMacro = QemuApiDescriptor.Create("DL4018", "function-macro", "__FUNCTION__ instead of __func__",
        "__func__ should be used instead of gcc specific __FUNCTION__", "Q_FUNCTION_MACRO", """
            ## What it does
            Reports `__FUNCTION__`.

            ## Why it matters
            `__func__` is standard C99; `__FUNCTION__` is a GCC spelling of the same thing.

            ## Example
            ```diff
            +    trace("%s: reset", __FUNCTION__);
            ```

            ## Configuration
            QEMU profile only.
            """);

    /// <summary>Called function → (descriptor, replacement shown in the message).</summary>
    // A Dictionary, not a FrozenDictionary: see ApiUseTable.
    private static readonly Dictionary<string, (RuleDescriptor Rule, string Replacement)> Calls =
        new Dictionary<string, (RuleDescriptor, string)>(StringComparer.Ordinal)
        {
            ["malloc"] = (LibcAllocation, ""),
            ["calloc"] = (LibcAllocation, ""),
            ["realloc"] = (LibcAllocation, ""),
            ["free"] = (LibcAllocation, ""),
            ["g_memdup"] = (Memdup, ""),
            ["bzero"] = (Bzero, ""),
            ["getpagesize"] = (PageSize, ""),
            ["strerrorname_np"] = (StrerrorName, ""),
            ["ffs"] = (Ffs, "ctz32()"),
            ["ffsl"] = (Ffs, "ctz32() or ctz64()"),
            ["ffsll"] = (Ffs, "ctz64()"),
        };

    private static readonly Dictionary<string, (RuleDescriptor Rule, string Replacement)>.AlternateLookup<ReadOnlySpan<char>> CallLookup =
        Calls.GetAlternateLookup<ReadOnlySpan<char>>();

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics =>
        [Strto, LibcAllocation, Memdup, Bzero, PageSize, SysconfPageSize, Signal, StrerrorName, Ffs, FunctionMacro];

    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterCallAction(ReportReplaced, RegisteredNames.KeysOf(Calls));
        registration.RegisterCallAction(AnalyzeSysconf, "sysconf");
        registration.RegisterCallAction(AnalyzeSignal, "signal");
        registration.RegisterIdentifierPrefixAction(AnalyzeStrto, "strto");
        registration.RegisterIdentifierAction(name => name.Report(FunctionMacro), "__FUNCTION__");
    }

    private void ReportReplaced(CallContext call)
    {
        var (rule, replacement) = CallLookup[call.Callee];
        call.Report(rule, call.Callee.ToString(), replacement);
    }

    private void AnalyzeSysconf(CallContext call)
    {
        var tokens = call.Fragment.Tokens.AsSpan();
        if (IsPageSizeQuery(call.Fragment, tokens, call.Open)) call.Report(SysconfPageSize, call.TextOf(tokens[call.Open + 1]).ToString());
    }

    private void AnalyzeSignal(CallContext call)
    {
        if (InstallsHandler(call.Fragment, call.Fragment.Tokens.AsSpan(), call.Open)) call.Report(Signal);
    }

    // strto* is a family, not a list to register: the names starting with "strto" are offered.
    private void AnalyzeStrto(CTokenContext name)
    {
        if (name.Token.Kind == CTokenKind.Identifier && IsLibcStrto(name.Text) && CallSyntax.IsCall(name.Fragment, name.Code, name.CodeIndex))
            name.Report(Strto, name.Text.ToString());
    }

    /// <summary>checkpatch's <c>strto[^kd]</c>: strtol, strtoull, strtoimax... but not strtok or strtod.</summary>
    private static bool IsLibcStrto(ReadOnlySpan<char> name) =>
        name.Length > 5 && name.StartsWith("strto") && name[5] is not ('k' or 'd');

    /// <summary>True for <c>(_SC_PAGESIZE)</c> or <c>(_SC_PAGE_SIZE)</c> at <paramref name="open"/>.</summary>
    private static bool IsPageSizeQuery(CFragment fragment, ReadOnlySpan<CToken> tokens, int open) =>
        open + 2 < tokens.Length && tokens[open + 2].IsSymbol(')') &&
        (fragment.Is(tokens[open + 1], "_SC_PAGESIZE") || fragment.Is(tokens[open + 1], "_SC_PAGE_SIZE"));

    /// <summary>
    /// True when the call opened at <paramref name="open"/> has a second argument other than exactly <c>SIG_IGN</c>
    /// or <c>SIG_DFL</c> (those dispositions behave the same everywhere; a handler, a variable or a call may not).
    /// A call with one argument is not libc's <c>signal()</c>; a call cut by the end of the hunk counts as one.
    /// </summary>
    private static bool InstallsHandler(CFragment fragment, ReadOnlySpan<CToken> tokens, int open)
    {
        var depth = 0;
        for (var t = open; t < tokens.Length; t++)
        {
            ref readonly var token = ref tokens[t];
            if (!token.IsCode) continue;
            if (token.IsSymbol('(') || token.IsSymbol('[') || token.IsSymbol('{')) depth++;
            else if (token.IsSymbol(')') || token.IsSymbol(']') || token.IsSymbol('}')) depth--;
            else if (depth == 1 && token.IsSymbol(','))
                return !IsDefaultDisposition(fragment, tokens, t + 1);
            if (depth == 0) return false;
        }

        return true;
    }

    private static bool IsDefaultDisposition(CFragment fragment, ReadOnlySpan<CToken> tokens, int argument)
    {
        var end = argument;
        while (end < tokens.Length && !tokens[end].IsCode) end++;
        if (end + 1 >= tokens.Length || !tokens[end + 1].IsSymbol(')')) return false;
        return fragment.Is(tokens[end], "SIG_IGN") || fragment.Is(tokens[end], "SIG_DFL");
    }
}
