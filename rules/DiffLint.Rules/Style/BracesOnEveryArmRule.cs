using System.Buffers;
using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>
/// Where the profile wants braces everywhere (QEMU), reports an <c>if</c>, <c>for</c> or <c>while</c> whose body,
/// or any later arm of its if/else chain, is a single statement without braces (DL3020), and an unbraced final
/// <c>else</c> that is the only arm of its chain without braces or has no added <c>if</c> to be reported on (DL3034).
/// </summary>
[DiffLintRule]
public sealed class BracesOnEveryArmRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3020",
        name: "braces-on-every-arm",
        title: "Braces are required on every arm",
        messageFormat: "Braces {{}} are required on every arm of this {0} statement",
        category: "Style",
        defaultSeverity: Severity.Error,
        qemuCheckpatchType: "Q_BRACES_ALL_ARMS",
        documentation: """
            ## What it does
            In projects whose profile requires braces on every arm (QEMU and the QEMU-style projects), reports an
            `if`, `for` or `while` whose body is a single statement without braces, and an `if` (or `else if`)
            whose chain has an arm without braces further on. The finding is on the keyword; every added `if` of a
            chain that still has an unbraced arm after it is reported, as QEMU's checkpatch does. When the only arm
            without braces is the final `else`, or the patch writes no `if` line of the chain, the `else` is
            reported instead, by DL3034 (when the patch writes the `else` line; otherwise its added `if` lines keep
            the finding). Arms the hunk does
            not show are not judged, and re-indented code (moved with only its indentation changed) is left alone.
            Unlike checkpatch, a condition or a body spread over several lines, a body behind a comment line and a
            loop whose body is another `if` are reported too: QEMU wants braces there most of all. The `while` that
            ends a do-while whose `do` is before the hunk is not a loop.

            ## Why it matters
            QEMU's coding style requires braces even around single statements: adding a second statement to an
            unbraced arm later is a classic source of bugs, and a braced arm keeps that later diff to one line.

            ## Example
            ```diff
            +    if (CONFIG_VGA_ATI)
            +        return ati_find_mode(mode);
            ```
            should be
            ```diff
            +    if (CONFIG_VGA_ATI) {
            +        return ati_find_mode(mode);
            +    }
            ```

            ## Configuration
            Applies when the profile's "braces on every arm" is required (the `qemu` profile); the kernel-style
            profiles prefer no braces around single statements.
            """);

    public static readonly RuleDescriptor SingleStatementDescriptor = new(
        id: "DL3034",
        name: "braces-on-else",
        title: "Braces are required on a single-statement else",
        messageFormat: "Braces {{}} are required even for the single statement of this {0}",
        category: "Style",
        defaultSeverity: Severity.Error,
        qemuCheckpatchType: "Q_BRACES_SINGLE",
        documentation: """
            ## What it does
            In projects whose profile requires braces on every arm (QEMU), reports an added `else` (not `else if`)
            whose body has no braces when no `if` of its chain is reported by DL3020 for it: every other arm of the
            chain has braces (`if (...) { ... } else x;`), or the patch does not write any `if` line of the chain
            (an `else` added under an unchanged `if`). Otherwise, or when the `else` line is context, the chain is
            reported on its added `if` lines by DL3020.
            QEMU's checkpatch decides between its two messages by the size of the arms and, in a few layouts, reports
            the `else` of a chain it already reported on the `if`; DiffLint decides by which arm lacks braces and
            reports each missing brace once.

            ## Why it matters
            QEMU's coding style requires braces even around single statements: a second statement added later to an
            unbraced `else` would silently run unconditionally.

            ## Example
            ```diff
            +    if (skip_prefix(buf, "gpgsig ", &v)) {
            +        sig_alg = xstrdup(v);
            +        read_next_command();
            +    } else
            +        strbuf_setlen(&sig, 0);
            ```
            should end in `} else {`, `strbuf_setlen(&sig, 0);`, `}`.

            ## Configuration
            Applies when the profile's "braces on every arm" is required (the `qemu` profile).
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor, SingleStatementDescriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterFragmentAction(Analyze);

    /// <summary>
    /// The fragment's controls in order: an if/else chain is judged whole from its first visible <c>if</c>, so its
    /// later arms are remembered and skipped (a control action would not know them from an <c>else</c> whose
    /// <c>if</c> is before the hunk without searching back for that <c>if</c>).
    /// </summary>
    private void Analyze(CFragmentContext context)
    {
        if (!context.Source.Profile.RequiresBracesOnEveryArm) return;
        var fragment = context.Fragment;
        var controls = fragment.Structure.Controls;
        // Controls already judged as later arms of a chain: the else keywords and the ifs of else ifs.
        var inChain = ArrayPool<bool>.Shared.Rent(controls.Length);
        Array.Clear(inChain, 0, controls.Length);
        try
        {
            for (var c = 0; c < controls.Length; c++)
            {
                var control = controls[c];
                if (inChain[c]) continue;
                switch (control.Kind)
                {
                    case CControlKind.For or CControlKind.While when !CodeTokens.IsDoWhileTrailer(fragment, control):
                        if (IsUnbraced(control)) ReportArm(context, control, Descriptor);
                        break;
                    case CControlKind.If:
                        AnalyzeChain(context, controls, c, inChain);
                        break;
                    case CControlKind.Else when !control.IsElseIf(fragment):
                        // An else whose if is before the hunk.
                        if (IsUnbraced(control)) ReportArm(context, control, SingleStatementDescriptor);
                        break;
                }
            }
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(inChain);
        }
    }

    private static bool IsUnbraced(in CControl control) => control.BodyStart >= 0 && control.BodyEnd >= 0 && !control.Braced;

    /// <summary>
    /// Reports the if/else chain whose first visible arm is control <paramref name="start"/>: each added <c>if</c>
    /// with an unbraced arm at or after it (DL3020), or only the final <c>else</c> (DL3034) when it is the one arm
    /// without braces or no <c>if</c> line of the chain is the patch's.
    /// </summary>
    private static void AnalyzeChain(CFragmentContext context, ImmutableArray<CControl> controls, int start, bool[] inChain)
    {
        var fragment = context.Fragment;
        // First pass: how many visible if arms lack braces, whether the patch writes any if line, and the final else.
        var unbracedIfArms = 0;
        var anyNewIf = false;
        var finalElse = -1;
        for (var index = start; index >= 0;)
        {
            var arm = controls[index];
            if (arm.BodyStart < 0 || arm.BodyEnd < 0) break;
            if (!arm.Braced) unbracedIfArms++;
            anyNewIf |= CodeTokens.IsOnNewLine(fragment, arm.Keyword);
            index = CodeTokens.NextChainArm(fragment, controls, index, out var otherwise);
            if (otherwise >= 0) inChain[otherwise] = true;
            if (index >= 0) inChain[index] = true;
            else if (otherwise >= 0 && !controls[otherwise].IsElseIf(fragment)) finalElse = otherwise;
        }

        var unbracedElse = finalElse >= 0 && IsUnbraced(controls[finalElse]);
        if (unbracedElse && CodeTokens.IsOnNewLine(fragment, controls[finalElse].Keyword) && (unbracedIfArms == 0 || !anyNewIf))
        {
            // The else is the arm to fix, or the only added line that can carry the finding.
            ReportArm(context, controls[finalElse], SingleStatementDescriptor);
            return;
        }

        if (unbracedIfArms == 0 && !unbracedElse) return;

        // Second pass: every added if with an unbraced arm at or after it.
        for (var index = start; index >= 0 && (unbracedIfArms > 0 || unbracedElse); index = CodeTokens.NextChainArm(fragment, controls, index, out _))
        {
            var arm = controls[index];
            if (arm.BodyStart < 0 || arm.BodyEnd < 0) break;
            ReportArm(context, arm, Descriptor);
            if (!arm.Braced) unbracedIfArms--;
        }
    }

    private static void ReportArm(CFragmentContext context, in CControl arm, RuleDescriptor descriptor)
    {
        var fragment = context.Fragment;
        var keyword = fragment.Tokens[arm.Keyword];
        if (fragment.Lines[keyword.Line].IsNew) context.Report(descriptor, keyword, fragment.TextOf(keyword).ToString());
    }
}
