using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports <c>waitqueue_active()</c> and <c>data_race()</c> without a comment that says why they are safe.</summary>
[DiffLintRule]
public sealed class UncommentedConcurrencyRule : PatchRule
{
    private const string Documentation = """
        ## What it does
        Reports a call of `waitqueue_active()` (DL3205) or `data_race()` (DL3206), once per line, unless a comment is
        near it the way checkpatch looks for one: a `//` comment on the line or on the lines just before and after
        it, a `/* */` comment closing the line, or a block comment on the line just before.

        ## Why it matters
        Both say "this access races, on purpose". `waitqueue_active()` without a barrier misses wake-ups (its
        kernel-doc explains the pairing `smp_mb()` needs); `data_race()` silences KCSAN. Each use needs a comment
        naming the barrier or explaining why the race is benign, for the next reader and for the reviewer.

        ## Example
        ```diff
        +	if (waitqueue_active(&priv->wq))
        +		wake_up(&priv->wq);
        ```

        ## Configuration
        Kernel and U-Boot profiles.
        """;

    public static readonly RuleDescriptor WaitqueueActive = KernelApiDescriptor.Create("DL3205", "waitqueue-active", "waitqueue_active() without a comment",
        "waitqueue_active without comment", "WAITQUEUE_ACTIVE", Documentation);

    public static readonly RuleDescriptor DataRace = KernelApiDescriptor.Create("DL3206", "data-race", "data_race() without a comment",
        "data_race without comment", "DATA_RACE", Documentation);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [WaitqueueActive, DataRace];

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterCallAction(Analyze, RegisteredNames.Of("waitqueue_active", "data_race"));

    private void Analyze(CallContext call)
    {
        if (!CallsOnLine.IsFirst(call) || HasComment(call.Fragment, call.NameToken.Line)) return;
        call.Report(call.Callee is "waitqueue_active" ? WaitqueueActive : DataRace);
    }

    /// <summary>checkpatch's <c>ctx_has_comment</c> for line <paramref name="line"/>, read on the fragment's tokens.</summary>
    private static bool HasComment(CFragment fragment, int line)
    {
        if (HasLineComment(fragment, line) || EndsWithBlockComment(fragment, line)) return true;
        if (line + 1 < fragment.Lines.Length && HasLineComment(fragment, line + 1)) return true;
        if (line == 0) return false;
        foreach (ref readonly var token in fragment.TokensOf(line - 1))
        {
            if (token.IsComment) return true;
        }

        return false;
    }

    private static bool HasLineComment(CFragment fragment, int line)
    {
        foreach (ref readonly var token in fragment.TokensOf(line))
        {
            if (token.Kind == CTokenKind.LineComment) return true;
        }

        return false;
    }

    /// <summary>The line ends with a whole <c>/* */</c> comment (a continuation may follow it).</summary>
    private static bool EndsWithBlockComment(CFragment fragment, int line)
    {
        var tokens = fragment.TokensOf(line);
        for (var t = tokens.Length - 1; t >= 0; t--)
        {
            if (tokens[t].Kind == CTokenKind.Continuation) continue;
            var text = fragment.TextOf(tokens[t]);
            return tokens[t].Kind == CTokenKind.Comment && text.StartsWith("/*") && text.EndsWith("*/");
        }

        return false;
    }
}
