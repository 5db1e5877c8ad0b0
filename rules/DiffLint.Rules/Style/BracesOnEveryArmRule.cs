using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>
/// Where the profile wants braces everywhere (QEMU), reports an <c>if</c>, <c>for</c> or <c>while</c> whose body,
/// or any later arm of its if/else chain, is a single statement without braces.
/// </summary>
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
            chain that still has an unbraced arm after it is reported, as QEMU's checkpatch does. Arms the hunk does
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

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCSourceAction(Analyze);

    private static void Analyze(CSourceContext context)
    {
        if (!context.Profile.RequiresBracesOnEveryArm) return;
        foreach (var fragment in context.Fragments)
        {
            var controls = fragment.Structure.Controls;
            for (var c = 0; c < controls.Length; c++)
            {
                var control = controls[c];
                if (control.Kind is not (CControlKind.If or CControlKind.For or CControlKind.While)) continue;
                if (CodeTokens.IsDoWhileTrailer(fragment, control)) continue;
                var keyword = fragment.Tokens[control.Keyword];
                if (!fragment.Lines[keyword.Line].IsNew) continue;
                if (HasUnbracedArm(fragment, controls, c))
                {
                    context.Report(Descriptor, fragment, keyword, fragment.TextOf(keyword).ToString());
                }
            }
        }
    }

    /// <summary>True when the body of control <paramref name="index"/>, or of any arm after it in its if/else chain, is visible and unbraced.</summary>
    private static bool HasUnbracedArm(CFragment fragment, ImmutableArray<CControl> controls, int index)
    {
        while (true)
        {
            var control = controls[index];
            if (control.BodyStart < 0 || control.BodyEnd < 0) return false;
            if (!control.Braced) return true;
            if (control.Kind != CControlKind.If || control.Trailer < 0) return false;
            var elseAt = IndexOfKeyword(controls, index + 1, control.Trailer);
            if (elseAt < 0) return false;
            var otherwise = controls[elseAt];
            if (!otherwise.IsElseIf(fragment))
            {
                return otherwise.BodyStart >= 0 && otherwise.BodyEnd >= 0 && !otherwise.Braced;
            }

            index = IndexOfKeyword(controls, elseAt + 1, otherwise.BodyStart);
            if (index < 0) return false;
        }
    }

    private static int IndexOfKeyword(ImmutableArray<CControl> controls, int from, int keywordToken)
    {
        for (var c = from; c < controls.Length; c++)
        {
            if (controls[c].Keyword == keywordToken) return c;
        }

        return -1;
    }
}
