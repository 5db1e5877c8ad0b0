using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports bottom halves created without a reentrancy guard in device code (hw/ and include/hw/).</summary>
[DiffLintRule]
public sealed class BottomHalfRule : PatchRule
{
    public static readonly RuleDescriptor QemuBhNew = QemuApiDescriptor.Create("DL4022", "qemu-bh-new", "qemu_bh_new in device code",
        "Use aio_bh_new_guarded() instead of {0}() to avoid reentrancy problems", "Q_QEMU_BH_NEW", """
            ## What it does
            Reports calls to `qemu_bh_new()` and `qemu_bh_new_guarded()` in device code: files under `hw/` and
            device headers under `include/hw/`.

            ## Why it matters
            A bottom half that runs device code can be scheduled while the device is in the middle of an MMIO or DMA
            access to itself, and re-entering the device that way has caused memory-safety bugs (CVE-2023-3019 and
            others). `aio_bh_new_guarded()` takes the device's `MemReentrancyGuard` and refuses the re-entry.

            ## Example
            ```diff
            +    s->bh = qemu_bh_new(tx_bh, s);
            ```
            Use `s->bh = aio_bh_new_guarded(qemu_get_aio_context(), tx_bh, s, &DEVICE(s)->mem_reentrancy_guard);`
            (or the `qemu_bh_new_guarded()` form with the device's guard, which checkpatch also flags).

            ## Configuration
            QEMU profile only. checkpatch tests the path against `.*/hw/.*`, which needs a component before `hw/`
            and so never matches the `hw/net/e1000.c` paths of a git patch; DiffLint judges paths that start with
            `hw/` or `include/hw/`.
            """);

    public static readonly RuleDescriptor AioBhNew = QemuApiDescriptor.Create("DL4023", "aio-bh-new", "aio_bh_new in device code",
        "Use aio_bh_new_guarded() instead of aio_bh_new() to avoid reentrancy problems", "Q_AIO_BH_NEW", """
            ## What it does
            Reports calls to `aio_bh_new()` in device code: files under `hw/` and device headers under `include/hw/`.

            ## Why it matters
            As for `qemu_bh_new()`: a bottom half without the device's `MemReentrancyGuard` can re-enter the device
            during its own MMIO or DMA access. `aio_bh_new_guarded()` takes the guard.

            ## Example
            ```diff
            +    s->bh = aio_bh_new(ctx, complete_bh, s);
            ```

            ## Configuration
            QEMU profile only. Paths as for DL4022: files that start with `hw/` or `include/hw/` (checkpatch's
            `.*/hw/.*` never matches a git patch's paths).
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [QemuBhNew, AioBhNew];

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterCallAction(Analyze, RegisteredNames.Of("qemu_bh_new", "qemu_bh_new_guarded", "aio_bh_new"));

    private void Analyze(CallContext call)
    {
        if (!IsDeviceCode(call.Source.File.Path)) return;
        call.Report(call.Callee.SequenceEqual("aio_bh_new") ? AioBhNew : QemuBhNew, call.Callee.ToString());
    }

    /// <summary>Device models live in hw/, their headers in include/hw/.</summary>
    private static bool IsDeviceCode(string path) =>
        path.StartsWith("hw/", StringComparison.Ordinal) || path.StartsWith("include/hw/", StringComparison.Ordinal);
}
