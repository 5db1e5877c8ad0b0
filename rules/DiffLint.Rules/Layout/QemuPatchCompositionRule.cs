using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Layout;

/// <summary>
/// QEMU's rules on what one patch may contain: headers imported from Linux come alone and from
/// scripts/update-linux-headers.sh, and expected ACPI tables are not changed together with the tests.
/// </summary>
[DiffLintRule]
public sealed class QemuPatchCompositionRule : PatchRule
{
    public static readonly RuleDescriptor LinuxHeadersUpdate = new(
        id: "DL4058",
        name: "linux-headers-update",
        title: "Change to headers imported from Linux",
        messageFormat: "added, moved or deleted file(s) imported from Linux, are you using scripts/update-linux-headers.sh?",
        category: "Layout",
        defaultSeverity: Severity.Warning,
        qemuCheckpatchType: "Q_LINUX_HEADERS_UPDATE",
        profiles: ["qemu"],
        documentation: """
            ## What it does
            Reports, once per patch, on the first hunk line of the first file under `linux-headers/` or
            `include/standard-headers/`.

            ## Why it matters
            These trees are copies of Linux's UAPI headers. They are refreshed only by running
            `scripts/update-linux-headers.sh` against a Linux release, so that they always match some kernel
            version; hand edits are lost at the next refresh.

            ## Example
            ```diff
            diff --git a/linux-headers/linux/kvm.h b/linux-headers/linux/kvm.h
            ```

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor LinuxHeadersMixed = new(
        id: "DL4059",
        name: "linux-headers-mixed",
        title: "Linux header import mixed with other changes",
        messageFormat: "headers imported from Linux should be self-contained in a patch with no other changes",
        category: "Layout",
        defaultSeverity: Severity.Error,
        qemuCheckpatchType: "Q_LINUX_HEADERS_MIXED",
        profiles: ["qemu"],
        documentation: """
            ## What it does
            Reports a patch that changes files under `linux-headers/` or `include/standard-headers/` and also
            other files, once, on the first hunk line of the file that makes the mix (the first file of the
            second kind).

            ## Why it matters
            A header refresh is the mechanical output of `scripts/update-linux-headers.sh`; reviewers check it by
            re-running the script. Mixed with hand-written changes (even to the script itself) it can be neither
            re-generated nor reverted on its own.

            ## Example
            A patch touching `linux-headers/linux/vfio.h` and `hw/vfio/common.c`.

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor AcpiExpectedWithTests = new(
        id: "DL4060",
        name: "acpi-expected-with-tests",
        title: "Expected ACPI tables changed together with tests",
        messageFormat: "Do not add expected files together with tests, follow instructions in tests/qtest/bios-tables-test.c. Files {0} and {1} found in the same patch",
        category: "Layout",
        defaultSeverity: Severity.Error,
        qemuCheckpatchType: "Q_ACPI_EXPECTED_WITH_TESTS",
        profiles: ["qemu"],
        documentation: """
            ## What it does
            Reports a patch that changes expected ACPI tables (`tests/data/acpi/...`, the `.sh` script that
            rebuilds them excepted) together with any other file except
            `tests/qtest/bios-tables-test-allowed-diff.h`.

            ## Why it matters
            tests/qtest/bios-tables-test.c describes the process: list the tables in the allowed-diff header, change
            the code, then update the expected tables in a patch of their own. Mixed patches break bisection
            (the test fails at one of the two commits) and hide table changes in code review.

            ## Example
            A patch touching `tests/data/acpi/x86/q35/DSDT` and `hw/i386/acpi-build.c`.

            ## Configuration
            QEMU profile only.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [LinuxHeadersUpdate, LinuxHeadersMixed, AcpiExpectedWithTests];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        bool sawImported = false, sawOther = false;
        List<string>? expected = null, others = null;
        foreach (var file in patch.Files)
        {
            var imported = IsImportedFromLinux(file.Path);
            if (file.Hunks.Length > 0 && file.Hunks[0].Lines.Length > 0)
            {
                var first = file.Hunks[0].Lines[0];
                if (imported && !sawImported) context.Report(LinuxHeadersUpdate, Locations.InFile(file, first));
                var mixedBefore = sawImported && sawOther;
                sawImported |= imported;
                sawOther |= !imported;
                if (!mixedBefore && sawImported && sawOther) context.Report(LinuxHeadersMixed, Locations.InFile(file, first));
            }

            if (IsExpectedAcpiTable(file.Path)) (expected ??= []).Add(file.Path);
            else if (file.Path != "tests/qtest/bios-tables-test-allowed-diff.h") (others ??= []).Add(file.Path);
        }

        if (expected is not null && others is not null)
        {
            context.Report(AcpiExpectedWithTests, Locations.AtPatch(patch), string.Join(", ", expected), string.Join(", ", others));
        }
    }

    private static bool IsImportedFromLinux(string path) =>
        path.StartsWith("linux-headers/", StringComparison.Ordinal) || path.StartsWith("include/standard-headers/", StringComparison.Ordinal);

    private static bool IsExpectedAcpiTable(string path) =>
        path.StartsWith("tests/data/acpi/", StringComparison.Ordinal) && !path.EndsWith(".sh", StringComparison.Ordinal);
}
