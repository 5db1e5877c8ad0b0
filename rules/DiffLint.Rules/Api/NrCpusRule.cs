using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;
using DiffLint.Rules.Style;

namespace DiffLint.Rules.Api;

/// <summary>Reports <c>NR_CPUS</c> used other than to size an array, in <c>#if</c>/<c>#define</c> or in an initialiser.</summary>
[DiffLintRule]
public sealed class NrCpusRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3224", "nr-cpus", "NR_CPUS used as a CPU count",
        "usage of NR_CPUS is often wrong - consider using cpu_possible(), num_possible_cpus(), for_each_possible_cpu(), etc",
        "NR_CPUS", """
        ## What it does
        Reports, once per added line, `NR_CPUS` unless the line is one of the uses kernel checkpatch accepts: an
        `#if` or `#define` line, a line that starts with a declaration (a type it knows) and has `NR_CPUS` inside
        `[...]` (`static int counts[NR_CPUS];`), a range designator `[0 ... NR_CPUS - 1]`, or a designated
        initialiser `.field = ... NR_CPUS`.

        ## Why it matters
        `NR_CPUS` is the most CPUs a kernel build supports, not how many a machine has: a loop to `NR_CPUS` touches
        CPUs that do not exist, and a test against it is wrong on most machines. `num_possible_cpus()`,
        `cpu_possible()` and `for_each_possible_cpu()` ask about the CPUs that can be there.

        ## Example
        ```diff
        +	for (cpu = 0; cpu < NR_CPUS; cpu++)
        ```
        Write `for_each_possible_cpu(cpu)`.

        ## Configuration
        Kernel and U-Boot profiles. Besides the C types, `struct`/`union`/`enum` tags and the names checkpatch
        takes for types by their spelling (`*_t`, `u32`), a name that another word or a `*` follows is read as a
        type, as checkpatch learns type names from the lines of the patch: `foo_info map[NR_CPUS];` is a
        declaration. Checkpatch learns such a name only where it has seen it declared, at the start of a line,
        in a cast or a parameter list; a local `foo_info map[NR_CPUS];` of a type it has not seen is reported
        by the script and not by DiffLint.
        """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, "NR_CPUS");

    private void Analyze(CTokenContext use)
    {
        if (FirstOnLine.Is(IsNrCpus, use.Fragment, use.Code, use.CodeIndex) && !IsAccepted(use.Fragment, use.Line)) use.Report(Descriptor);
    }

    private static bool IsNrCpus(CFragment fragment, ReadOnlySpan<CToken> code, int index) => fragment.Is(code[index], "NR_CPUS");

    private static bool IsAccepted(CFragment fragment, int line)
    {
        var tokens = fragment.Tokens;
        ref readonly var cLine = ref fragment.Lines.ItemRef(line);
        var first = cLine.FirstToken;
        var lead = tokens[first];
        if (lead.Kind == CTokenKind.Preprocessor)
        {
            var directive = fragment.TextOf(lead)[1..].TrimStart();
            return directive is "if" or "define";
        }

        if (IsDesignatedInitialiser(fragment, first)) return true;
        var declaration = lead.IsCode ? LineDeclaration.Read(fragment, first, storage: true, learnedTypes: true) : null;
        var declarationEnd = declaration?.FirstSpacedTypeToken(fragment) ?? -1;
        return HasAcceptedBrackets(fragment, first, cLine.EndToken, declarationEnd);
    }

    /// <summary>checkpatch's <c>^.\s*\.\w+\s*=</c>: the line starts with <c>.field =</c> (NR_CPUS is after the <c>=</c>, or the action would not run).</summary>
    private static bool IsDesignatedInitialiser(CFragment fragment, int first)
    {
        var tokens = fragment.Tokens;
        if (!tokens[first].IsSymbol('.')) return false;
        var field = TypeWords.AdjacentAfter(fragment, first);
        if (field < 0 || TypeWords.SpaceBetween(fragment, first) || tokens[field].Kind is not (CTokenKind.Identifier or CTokenKind.Keyword)) return false;
        var assign = TypeWords.AdjacentAfter(fragment, field);
        return assign >= 0 && tokens[assign].IsSymbol('=');
    }

    /// <summary>
    /// A <c>[</c> followed, before the next <c>]</c>, by a word holding <c>NR_CPUS</c> that a <c>]</c> closes: a range
    /// designator when <c>...</c> is in the same brackets, an array bound of a declaration when the <c>[</c> comes after
    /// token <paramref name="declarationEnd"/> (the end of a declaration starting the line; -1 when none).
    /// </summary>
    private static bool HasAcceptedBrackets(CFragment fragment, int from, int to, int declarationEnd)
    {
        var tokens = fragment.Tokens;
        var open = false;
        bool afterDeclaration = false, cpus = false, cpusAfterDeclaration = false, range = false, dots = false;
        for (var t = from; t < to; t++)
        {
            var token = tokens[t];
            if (token.IsSymbol('['))
            {
                if (!open) cpus = cpusAfterDeclaration = range = dots = afterDeclaration = false;
                open = true;
                afterDeclaration |= declarationEnd >= 0 && t > declarationEnd;
            }
            else if (!open)
            {
                continue;
            }
            else if (token.IsSymbol(']'))
            {
                if (range || cpusAfterDeclaration) return true;
                open = false;
            }
            else if (token.Kind == CTokenKind.Operator && fragment.Is(token, "..."))
            {
                range |= cpus;
                dots = true;
            }
            else if (token.Kind == CTokenKind.Identifier && fragment.TextOf(token).Contains("NR_CPUS", StringComparison.Ordinal))
            {
                range |= dots;
                cpus = true;
                cpusAfterDeclaration |= afterDeclaration;
            }
        }

        return false;
    }
}
