using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports <c>return sysfs_emit(buf, "...")</c> whose format does not end with a newline.</summary>
[DiffLintRule]
public sealed class SysfsEmitNewlineRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3207", "sysfs-emit-newline", "sysfs_emit() format without a newline",
        "return sysfs_emit(...) formats should include a terminating newline", "SYSFS_EMIT", """
            ## What it does
            Reports `return sysfs_emit(buf, "format"...)` when the format, the first string literal after the buffer
            argument, does not end with `\n`.

            ## Why it matters
            A sysfs attribute's value is read by `cat` and scripts line by line; without the newline the shell prompt
            lands on the value's line and `read` waits for more. Documentation/filesystems/sysfs.rst asks for it.

            ## Example
            ```diff
            +	return sysfs_emit(buf, "%d", priv->level);
            ```
            Write `"%d\n"`.

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCallAction(Analyze, "sysfs_emit");

    private void Analyze(CallContext call)
    {
        var code = call.Code;
        var t = call.CodeIndex;
        if (t == 0 || !call.Fragment.Is(code[t - 1], "return")) return;
        var end = FunctionArguments.End(call.Fragment, code, t + 2);
        if (end < 0 || end + 1 >= code.Length || !code[end].IsSymbol(',') || code[end + 1].Kind != CTokenKind.String) return;
        if (!call.TextOf(code[end + 1]).EndsWith("\\n\"")) call.Report(Descriptor);
    }
}
