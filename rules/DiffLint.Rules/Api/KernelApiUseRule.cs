using System.Collections.Immutable;
using DiffLint.Core.Analysis;

namespace DiffLint.Rules.Api;

/// <summary>
/// Reports kernel identifiers a patch should not use: string copies that strscpy replaces, BUG() and its variants,
/// ENOSYS and ENOTSUPP, yield(), printk_ratelimit(), trace_printk(), simple_strto*(), the deprecated RCU and kmap
/// calls, LINUX_VERSION_CODE, the __dev* section markers and spin_is_locked() assertions: one rule per checkpatch
/// TYPE, read from one <see cref="ApiUseTable"/>.
/// </summary>
[DiffLintRule]
public sealed class KernelApiUseRule : PatchRule
{
    public static readonly RuleDescriptor AvoidBug = KernelApiDescriptor.Create("DL3072", "avoid-bug", "BUG() or a variant",
        "Do not crash the kernel unless it is absolutely unavoidable--use WARN_ON_ONCE() plus recovery code (if feasible) instead of BUG() or variants",
        "AVOID_BUG", """
            ## What it does
            Reports a call to `BUG()`, `BUG_ON()` or a variant: any `…_BUG…()` name such as `VM_BUG_ON_PAGE()`, except
            the compile-time `BUILD_BUG*()` checks and the subsystem macros checkpatch exempts (`AA_`, `DCCP_`, `IDA_`,
            `KVM_`, `RWLOCK_`, `snd_`, `SPIN_` prefixes).

            ## Why it matters
            `BUG()` stops the machine (or kills the task holding locks), turning a recoverable inconsistency into a
            crash that takes the user's data with it. Linus's rule: warn with `WARN_ON_ONCE()` and recover.

            ## Example
            ```diff
            +	BUG_ON(!dev->priv);
            ```
            Write `if (WARN_ON_ONCE(!dev->priv)) return -EINVAL;`.

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public static readonly RuleDescriptor Enosys = KernelApiDescriptor.Create("DL3075", "enosys", "ENOSYS outside system calls",
        "ENOSYS means 'invalid syscall nr' and nothing else", "ENOSYS", """
            ## What it does
            Reports any use of `ENOSYS` in code (not in strings or comments).

            ## Why it matters
            `ENOSYS` tells user space that the system call number does not exist; returned by a driver or an ioctl
            it makes programs believe the kernel lacks the call. An unsupported operation is `-EOPNOTSUPP`, a bad
            argument `-EINVAL`.

            ## Example
            ```diff
            +		return -ENOSYS;
            ```

            ## Configuration
            Kernel and U-Boot profiles. Like checkpatch, tests such as `errno != ENOSYS` in user-space code are
            reported too: there the value comes from the C library and the test is right, so expect to ignore it.
            """);

    public static readonly RuleDescriptor Strcpy = KernelApiDescriptor.Create("DL3077", "strcpy", "strcpy instead of strscpy",
        "Prefer strscpy over strcpy - see: https://github.com/KSPP/linux/issues/88", "STRCPY", """
            ## What it does
            Reports calls to `strcpy()`, outside `tools/` and `scripts/` (user-space programs). A member of that name
            (`ops->strcpy(...)`), which checkpatch also reports, is not the library function and is left alone.

            ## Why it matters
            `strcpy()` does not know the size of its destination: an over-long source overflows it. `strscpy()`
            bounds the copy, always terminates the destination and returns `-E2BIG` on truncation.

            ## Example
            ```diff
            +	strcpy(dev->name, name);
            ```
            Write `strscpy(dev->name, name, sizeof(dev->name));` (or the two-argument `strscpy()` for arrays).

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public static readonly RuleDescriptor Yield = KernelApiDescriptor.Create("DL3080", "yield", "yield()",
        "Using yield() is generally wrong. See yield() kernel-doc (sched/core.c)", "YIELD", """
            ## What it does
            Reports calls to `yield()`.

            ## Why it matters
            `yield()` gives no guarantee: with no other runnable task it returns at once, and under some
            schedulers it may not run anything else for a long time. Code waiting for an event should wait for it
            (`wait_event()`, a completion); code that only needs to let others run uses `cond_resched()`.

            ## Example
            ```diff
            +	while (!done)
            +		yield();
            ```

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public static readonly RuleDescriptor Strncpy = KernelApiDescriptor.Create("DL3081", "strncpy", "strncpy instead of strscpy",
        "Prefer strscpy, strscpy_pad, or __nonstring over strncpy - see: https://github.com/KSPP/linux/issues/90", "STRNCPY", """
            ## What it does
            Reports calls to `strncpy()`, outside `tools/` and `scripts/` (user-space programs). A member of that name
            (`ops->strncpy(...)`), which checkpatch also reports, is not the library function and is left alone.

            ## Why it matters
            `strncpy()` leaves the destination unterminated when the source fills it, and pads it with zeroes
            otherwise. Use `strscpy()` for a C string, `strscpy_pad()` when the padding matters (a buffer copied
            to user space) and a `__nonstring` array with `memcpy()`/`strtomem()` for fixed-width fields.

            ## Example
            ```diff
            +	strncpy(info->driver, DRV_NAME, sizeof(info->driver));
            ```

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public static readonly RuleDescriptor Strlcpy = KernelApiDescriptor.Create("DL3082", "strlcpy", "strlcpy instead of strscpy",
        "Prefer strscpy over strlcpy - see: https://github.com/KSPP/linux/issues/89", "STRLCPY", """
            ## What it does
            Reports calls to `strlcpy()`, outside `tools/` and `scripts/` (user-space programs). A member of that name
            (`ops->strlcpy(...)`), which checkpatch also reports, is not the library function and is left alone.

            ## Why it matters
            `strlcpy()` reads the whole source to return its length, past the bytes it copies (an over-read on
            an unterminated source), and its result invites truncation bugs. `strscpy()` reads only what it copies
            and returns `-E2BIG` on truncation; the kernel removed `strlcpy()` in 6.8.

            ## Example
            ```diff
            +	strlcpy(buf, name, sizeof(buf));
            ```

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public static readonly RuleDescriptor Enotsupp = KernelApiDescriptor.Create("DL3084", "enotsupp", "ENOTSUPP instead of EOPNOTSUPP",
        "ENOTSUPP is not a SUSV4 error code, prefer EOPNOTSUPP", "ENOTSUPP", """
            ## What it does
            Reports any use of `ENOTSUPP` in code (not in strings or comments).

            ## Why it matters
            `ENOTSUPP` (524) is an NFS-internal value with no name in user space: a program that receives it prints
            "Unknown error 524". The standard code is `EOPNOTSUPP` (also spelled `ENOTSUP`).

            ## Example
            ```diff
            +	return -ENOTSUPP;
            ```

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public static readonly RuleDescriptor PrintkRatelimit = KernelApiDescriptor.Create("DL3085", "printk-ratelimit", "printk_ratelimit()",
        "Prefer printk_ratelimited or pr_<level>_ratelimited to printk_ratelimit", "PRINTK_RATELIMITED", """
            ## What it does
            Reports calls to `printk_ratelimit()`.

            ## Why it matters
            `printk_ratelimit()` shares one rate-limit state between every caller in the kernel, so one noisy
            message silences unrelated ones. `printk_ratelimited()` and `pr_<level>_ratelimited()` keep a state per
            call site.

            ## Example
            ```diff
            +	if (printk_ratelimit())
            +		pr_warn("dropped packet\n");
            ```
            Write `pr_warn_ratelimited("dropped packet\n");`.

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public static readonly RuleDescriptor TracePrintk = KernelApiDescriptor.Create("DL3089", "trace-printk", "trace_printk() in production code",
        "Do not use {0}() in production code (this can be ignored if built only with a debug config option)", "TRACE_PRINTK", """
            ## What it does
            Reports calls to `trace_printk()`, `trace_puts()` and `ftrace_vprintk()`.

            ## Why it matters
            These are debugging aids: any use makes the kernel allocate the trace_printk buffers at boot and print
            a large "trace_printk() being used" notice. Trace events are the production interface.

            ## Example
            ```diff
            +	trace_printk("state %d\n", state);
            ```

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public static readonly RuleDescriptor ConsiderKstrto = KernelApiDescriptor.Create("DL3090", "consider-kstrto", "simple_strto*() instead of kstrto*()",
        "{0} is obsolete, use k{1} instead", "CONSIDER_KSTRTO", """
            ## What it does
            Reports calls to `simple_strtol()`, `simple_strtoll()`, `simple_strtoul()`, `simple_strtoull()` and the
            `strict_strto*()` spellings.

            ## Why it matters
            `simple_strto*()` ignore overflow and trailing garbage; `kstrto*()` reject both and return an error.

            ## Example
            ```diff
            +	val = simple_strtoul(buf, NULL, 10);
            ```
            Write `ret = kstrtoul(buf, 10, &val);` and check `ret`.

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public static readonly RuleDescriptor DeprecatedApi = KernelApiDescriptor.Create("DL3091", "deprecated-api", "Deprecated kernel API",
        "Deprecated use of '{0}', prefer '{1}' instead", "DEPRECATED_API", """
            ## What it does
            Reports calls to kernel functions with a replacement: the `_bh`/`_sched` RCU flavours
            (`synchronize_rcu_bh()`, `call_rcu_sched()`...), which are plain RCU since 4.20, and `kmap()`,
            `kunmap()`, `kmap_atomic()`, `kunmap_atomic()`, replaced by `kmap_local_page()` and `kunmap_local()`.

            ## Why it matters
            The old names are kept only for the callers not yet converted; new code adds work to the conversion.

            ## Example
            ```diff
            +	vaddr = kmap_atomic(page);
            ```

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public static readonly RuleDescriptor LinuxVersionCode = KernelApiDescriptor.Create("DL3094", "linux-version-code", "LINUX_VERSION_CODE",
        "LINUX_VERSION_CODE should be avoided, code should be for the version to which it is merged", "LINUX_VERSION_CODE", """
            ## What it does
            Reports any use of `LINUX_VERSION_CODE` in code.

            ## Why it matters
            Code in the kernel tree is built with the kernel it is merged in; a test of the kernel version is dead
            code there (it belongs to out-of-tree compatibility layers).

            ## Example
            ```diff
            +#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 1, 0)
            ```

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public static readonly RuleDescriptor HotplugSection = KernelApiDescriptor.Create("DL3095", "hotplug-section", "__devinit-style section marker",
        "Using {0} is unnecessary", "HOTPLUG_SECTION", """
            ## What it does
            Reports `__devinit`, `__devexit`, `__devinitdata`, `__devexitdata`, `__devinitconst` and
            `__devexitconst`.

            ## Why it matters
            CONFIG_HOTPLUG became unconditional in 3.8 and the markers were removed: they no longer exist.

            ## Example
            ```diff
            +static int __devinit foo_probe(struct pci_dev *pdev,
            ```

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public static readonly RuleDescriptor UseLockdep = KernelApiDescriptor.Create("DL3096", "use-lockdep", "spin_is_locked() assertion",
        "Where possible, use lockdep_assert_held instead of assertions based on spin_is_locked", "USE_LOCKDEP", """
            ## What it does
            Reports calls to `spin_is_locked()`.

            ## Why it matters
            `spin_is_locked()` says whether anyone holds the lock, not whether the caller does, and it is always
            false on uniprocessor builds, so `BUG_ON(!spin_is_locked(&l))` fires there. `lockdep_assert_held()`
            checks the caller holds it and costs nothing without lockdep.

            ## Example
            ```diff
            +	WARN_ON(!spin_is_locked(&priv->lock));
            ```

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    private static readonly ApiUseTable Uses = new(new Dictionary<string, ApiUse>(StringComparer.Ordinal)
    {
        ["strcpy"] = new(Strcpy, ApiUseShape.Call, UserSpaceExempt: true),
        ["strlcpy"] = new(Strlcpy, ApiUseShape.Call, UserSpaceExempt: true),
        ["strncpy"] = new(Strncpy, ApiUseShape.Call, UserSpaceExempt: true),
        ["ENOSYS"] = new(Enosys, ApiUseShape.Word),
        ["ENOTSUPP"] = new(Enotsupp, ApiUseShape.Word),
        ["yield"] = new(Yield, ApiUseShape.EmptyCall),
        ["printk_ratelimit"] = new(PrintkRatelimit, ApiUseShape.Call),
        ["trace_printk"] = new(TracePrintk, ApiUseShape.Call),
        ["trace_puts"] = new(TracePrintk, ApiUseShape.Call),
        ["ftrace_vprintk"] = new(TracePrintk, ApiUseShape.Call),
        ["simple_strtol"] = new(ConsiderKstrto, ApiUseShape.Call, "strtol"),
        ["simple_strtoll"] = new(ConsiderKstrto, ApiUseShape.Call, "strtoll"),
        ["simple_strtoul"] = new(ConsiderKstrto, ApiUseShape.Call, "strtoul"),
        ["simple_strtoull"] = new(ConsiderKstrto, ApiUseShape.Call, "strtoull"),
        ["strict_strtol"] = new(ConsiderKstrto, ApiUseShape.Call, "strtol"),
        ["strict_strtoll"] = new(ConsiderKstrto, ApiUseShape.Call, "strtoll"),
        ["strict_strtoul"] = new(ConsiderKstrto, ApiUseShape.Call, "strtoul"),
        ["strict_strtoull"] = new(ConsiderKstrto, ApiUseShape.Call, "strtoull"),
        ["synchronize_rcu_bh"] = new(DeprecatedApi, ApiUseShape.Call, "synchronize_rcu"),
        ["synchronize_rcu_bh_expedited"] = new(DeprecatedApi, ApiUseShape.Call, "synchronize_rcu_expedited"),
        ["call_rcu_bh"] = new(DeprecatedApi, ApiUseShape.Call, "call_rcu"),
        ["rcu_barrier_bh"] = new(DeprecatedApi, ApiUseShape.Call, "rcu_barrier"),
        ["synchronize_sched"] = new(DeprecatedApi, ApiUseShape.Call, "synchronize_rcu"),
        ["synchronize_sched_expedited"] = new(DeprecatedApi, ApiUseShape.Call, "synchronize_rcu_expedited"),
        ["call_rcu_sched"] = new(DeprecatedApi, ApiUseShape.Call, "call_rcu"),
        ["rcu_barrier_sched"] = new(DeprecatedApi, ApiUseShape.Call, "rcu_barrier"),
        ["get_state_synchronize_sched"] = new(DeprecatedApi, ApiUseShape.Call, "get_state_synchronize_rcu"),
        ["cond_synchronize_sched"] = new(DeprecatedApi, ApiUseShape.Call, "cond_synchronize_rcu"),
        ["kmap"] = new(DeprecatedApi, ApiUseShape.Call, "kmap_local_page"),
        ["kunmap"] = new(DeprecatedApi, ApiUseShape.Call, "kunmap_local"),
        ["kmap_atomic"] = new(DeprecatedApi, ApiUseShape.Call, "kmap_local_page"),
        ["kunmap_atomic"] = new(DeprecatedApi, ApiUseShape.Call, "kunmap_local"),
        ["LINUX_VERSION_CODE"] = new(LinuxVersionCode, ApiUseShape.Word),
        ["__devinit"] = new(HotplugSection, ApiUseShape.Word),
        ["__devexit"] = new(HotplugSection, ApiUseShape.Word),
        ["__devinitdata"] = new(HotplugSection, ApiUseShape.Word),
        ["__devexitdata"] = new(HotplugSection, ApiUseShape.Word),
        ["__devinitconst"] = new(HotplugSection, ApiUseShape.Word),
        ["__devexitconst"] = new(HotplugSection, ApiUseShape.Word),
        ["spin_is_locked"] = new(UseLockdep, ApiUseShape.Call),
    }, new ApiUseFamily(IsBugMacro, "BUG", new ApiUse(AvoidBug, ApiUseShape.Call)));

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics =>
        [AvoidBug, Enosys, Strcpy, Yield, Strncpy, Strlcpy, Enotsupp, PrintkRatelimit, TracePrintk, ConsiderKstrto, DeprecatedApi,
         LinuxVersionCode, HotplugSection, UseLockdep];

    public override void Initialize(RuleRegistration registration) => Uses.Register(registration);

    /// <summary>
    /// checkpatch's BUG family: a name <c>[prefix_]BUG[_SUFFIX]</c> whose prefix is letters and underscores ending in
    /// '_' and whose suffix is capitals and underscores (<c>BUG_ON</c>, <c>VM_BUG_ON_PAGE</c>), minus the prefixes of
    /// compile-time checks and of subsystem macros that do not crash (<c>BUILD_BUG_ON</c>, <c>snd_BUG_ON</c>).
    /// </summary>
    private static bool IsBugMacro(ReadOnlySpan<char> name)
    {
        var first = name.IndexOf("BUG"); // first: asked for every called name, and most have none
        if (first < 0 || name.StartsWith("AA_") || name.StartsWith("BUILD_") || name.StartsWith("DCCP_") || name.StartsWith("IDA_") ||
            name.StartsWith("KVM_") || name.StartsWith("RWLOCK_") || name.StartsWith("snd_") || name.StartsWith("SPIN_")) return false;
        for (var at = first; at >= 0; at = NextBug(name, at))
        {
            if (IsBugPrefix(name[..at]) && IsBugSuffix(name[(at + 3)..])) return true;
        }

        return false;
    }

    private static int NextBug(ReadOnlySpan<char> name, int at)
    {
        var next = name[(at + 1)..].IndexOf("BUG");
        return next < 0 ? -1 : at + 1 + next;
    }

    private static bool IsBugPrefix(ReadOnlySpan<char> prefix)
    {
        if (prefix.IsEmpty) return true;
        if (prefix[^1] != '_') return false;
        foreach (var c in prefix)
        {
            if (!char.IsAsciiLetter(c) && c != '_') return false;
        }

        return true;
    }

    private static bool IsBugSuffix(ReadOnlySpan<char> suffix)
    {
        if (suffix.IsEmpty) return true;
        if (suffix.Length < 2 || suffix[0] != '_') return false;
        foreach (var c in suffix)
        {
            if (!char.IsAsciiLetterUpper(c) && c != '_') return false;
        }

        return true;
    }
}
