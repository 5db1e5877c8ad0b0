using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports a declaration <c>struct spinlock name;</c>, which should use the typedef <c>spinlock_t</c>.</summary>
[DiffLintRule]
public sealed class SpinlockStructRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3183", "use-spinlock-t", "struct spinlock instead of spinlock_t",
        "struct spinlock should be spinlock_t", "USE_SPINLOCK_T", """
            ## What it does
            Reports a line that is a declaration `struct spinlock name;`.

            ## Why it matters
            `spinlock_t` is one of the few typedefs the kernel style asks for: the type is opaque, and lock
            debugging and PREEMPT_RT change what it is. Code names it by the typedef, as every other lock does.

            ## Example
            ```diff
            +	struct spinlock lock;
            ```
            Write `spinlock_t lock;`.

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, "spinlock");

    private void Analyze(CTokenContext name)
    {
        var code = name.Code;
        if (name.CodeIndex == 1 && code.Length >= 4 && name.Fragment.Is(code[0], "struct") && code[2].Kind == CTokenKind.Identifier
            && code[3].IsSymbol(';'))
            name.Report(Descriptor);
    }
}
