using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports the lockdep no-validate class used outside lockdep and the driver core.</summary>
[DiffLintRule]
public sealed class LockdepNoValidateRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new("DL3182", "lockdep-no-validate", "lockdep no-validate class",
        "lockdep_no_validate class is reserved for device->mutex.", "Api", Severity.Error, """
            ## What it does
            Reports a line starting with a call of `lockdep_set_novalidate_class()` and any `__lockdep_no_validate__)`,
            once per line, outside `kernel/lockdep*`, `include/linux/lockdep*` and `drivers/base/core*`.

            ## Why it matters
            The no-validate class turns lockdep off for a lock. It exists for `device->mutex`, which the driver
            core nests in ways lockdep cannot follow; anywhere else it hides the deadlocks lockdep is there to find.
            Give the lock its own class (`lockdep_set_class()`) or a subclass for nesting.

            ## Example
            ```diff
            +	lockdep_set_novalidate_class(&priv->lock);
            ```

            ## Configuration
            Kernel and U-Boot profiles.
            """, checkpatchType: "LOCKDEP", profiles: ["kernel", "uboot"]);

    private static readonly string[] AllowedPaths = ["kernel/lockdep", "include/linux/lockdep", "drivers/base/core"];

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterIdentifierAction(Analyze, RegisteredNames.Of("lockdep_set_novalidate_class", "__lockdep_no_validate__"));

    private void Analyze(CTokenContext name)
    {
        var path = name.Source.File.Path;
        if (!IsUse(name.Fragment, name.Code, name.CodeIndex) || !FirstOnLine.Is(IsUse, name.Fragment, name.Code, name.CodeIndex)) return;
        if (!AllowedPaths.Any(p => path.StartsWith(p, StringComparison.Ordinal))) name.Report(Descriptor);
    }

    /// <summary><c>lockdep_set_novalidate_class(</c> starting the line, or <c>__lockdep_no_validate__)</c>, at <paramref name="t"/>.</summary>
    private static bool IsUse(CFragment fragment, ReadOnlySpan<CToken> code, int t)
    {
        if (t + 1 >= code.Length || code[t].Kind != CTokenKind.Identifier) return false;
        var text = fragment.TextOf(code[t]);
        return (text is "lockdep_set_novalidate_class" && t == 0 && code[1].IsSymbol('('))
            || (text is "__lockdep_no_validate__" && code[t + 1].IsSymbol(')'));
    }
}
