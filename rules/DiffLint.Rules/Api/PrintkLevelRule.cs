using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports <c>printk(KERN_ERR ...)</c>, <c>dev_printk(KERN_ERR, ...)</c> and <c>printk()</c> without a level.</summary>
[DiffLintRule]
public sealed class PrintkLevelRule : PatchRule
{
    public static readonly RuleDescriptor PreferPrLevel = KernelApiDescriptor.Create("DL3086", "prefer-pr-level", "printk(KERN_<LEVEL> ...)",
        "Prefer [subsystem eg: netdev]_{0}([subsystem]dev, ... then dev_{0}(dev, ... then pr_{1}(...  to {2}(KERN_{3} ...",
        "PREFER_PR_LEVEL", """
            ## What it does
            Reports `printk()`, `printk_once()` and `printk_ratelimited()` whose first argument is a `KERN_<LEVEL>`
            on the same line.

            ## Why it matters
            `pr_err()` and friends are shorter and apply the file's `pr_fmt()` prefix; a driver with a device at
            hand should use `dev_err()` (or `netdev_err()`...), which names the device in the message.

            ## Example
            ```diff
            +	printk(KERN_ERR "foo: reset failed\n");
            ```
            Write `dev_err(dev, "reset failed\n");`, or `pr_err()` without a device.

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public static readonly RuleDescriptor PreferDevLevel = KernelApiDescriptor.Create("DL3087", "prefer-dev-level", "dev_printk(KERN_<LEVEL>, ...)",
        "Prefer dev_{0}(... to dev_printk(KERN_{1}, ...", "PREFER_DEV_LEVEL", """
            ## What it does
            Reports `dev_printk()` whose first argument is a `KERN_<LEVEL>` on the same line.

            ## Why it matters
            `dev_err()`, `dev_warn()`, `dev_info()` and `dev_dbg()` say the same in fewer words; `dev_dbg()` can also
            be switched on per call site with dynamic debug, which `dev_printk(KERN_DEBUG, ...)` cannot.

            ## Example
            ```diff
            +	dev_printk(KERN_INFO, &pdev->dev, "probed\n");
            ```
            Write `dev_info(&pdev->dev, "probed\n");`.

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public static readonly RuleDescriptor WithoutLevel = KernelApiDescriptor.Create("DL3088", "printk-without-level", "printk() without a level",
        "printk() should include KERN_<LEVEL> facility level", "PRINTK_WITHOUT_KERN_LEVEL", """
            ## What it does
            Reports `printk()` whose first argument, on the same line, is not a `KERN_<LEVEL>`.

            ## Why it matters
            Without a level the message gets the default log level, which the console filtering and log readers
            cannot place; `pr_info()`, `pr_err()`... or `dev_*()` state it.

            ## Example
            ```diff
            +	printk("foo: %d\n", val);
            ```

            ## Configuration
            Kernel and U-Boot profiles. Like checkpatch, a `printk(` whose arguments start on the next line is
            reported: the level is not on the line.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [PreferPrLevel, PreferDevLevel, WithoutLevel];

    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterIdentifierAction(AnalyzePrintk, RegisteredNames.Of("printk", "printk_once", "printk_ratelimited"));
        registration.RegisterIdentifierAction(AnalyzeDevPrintk, "dev_printk");
    }

    private void AnalyzePrintk(CTokenContext name)
    {
        var fragment = name.Fragment;
        var code = name.Code;
        var t = name.CodeIndex;
        if (HasPrLevel(fragment, code, t) && FirstOnLine.Is(HasPrLevel, fragment, code, t))
        {
            var level = LevelOf(fragment, code[t + 2]);
            var modifier = name.Text[6..].ToString();
            var pr = PrName(level) + modifier;
            var dev = PrName(level) is "debug" ? "dbg" + modifier : pr;
            name.Report(PreferPrLevel, dev, pr, name.Text.ToString(), level.ToString());
        }

        if (LacksLevel(fragment, code, t) && FirstOnLine.Is(LacksLevel, fragment, code, t)) name.Report(WithoutLevel);
    }

    private void AnalyzeDevPrintk(CTokenContext name)
    {
        var fragment = name.Fragment;
        var code = name.Code;
        var t = name.CodeIndex;
        if (!HasDevLevel(fragment, code, t) || !FirstOnLine.Is(HasDevLevel, fragment, code, t)) return;
        var level = LevelOf(fragment, code[t + 2]);
        var dev = PrName(level) is "debug" ? "dbg" : PrName(level);
        name.Report(PreferDevLevel, dev, level.ToString());
    }

    /// <summary><c>printk(KERN_</c>, <c>printk_once(KERN_</c> or <c>printk_ratelimited(KERN_</c> at <paramref name="t"/>.</summary>
    private static bool HasPrLevel(CFragment fragment, ReadOnlySpan<CToken> code, int t)
    {
        if (!IsCalledWithLevel(fragment, code, t)) return false;
        var name = fragment.TextOf(code[t]);
        return name.SequenceEqual("printk") || name.SequenceEqual("printk_once") || name.SequenceEqual("printk_ratelimited");
    }

    /// <summary><c>dev_printk(KERN_</c> at <paramref name="t"/>.</summary>
    private static bool HasDevLevel(CFragment fragment, ReadOnlySpan<CToken> code, int t) =>
        IsCalledWithLevel(fragment, code, t) && fragment.Is(code[t], "dev_printk");

    /// <summary><c>printk(</c> at <paramref name="t"/> not followed by a whole <c>KERN_</c> level.</summary>
    private static bool LacksLevel(CFragment fragment, ReadOnlySpan<CToken> code, int t) =>
        IsCalled(code, t) && fragment.Is(code[t], "printk") && !IsWholeLevel(fragment, code, t + 2);

    private static bool IsCalledWithLevel(CFragment fragment, ReadOnlySpan<CToken> code, int t) =>
        IsCalled(code, t) && t + 2 < code.Length && !LevelOf(fragment, code[t + 2]).IsEmpty;

    /// <summary>An identifier followed by <c>(</c>.</summary>
    private static bool IsCalled(ReadOnlySpan<CToken> code, int t) =>
        t + 1 < code.Length && code[t].Kind == CTokenKind.Identifier && code[t + 1].IsSymbol('(');

    /// <summary>The capitals after <c>KERN_</c> in <paramref name="token"/> (<c>KERN_ERR</c> → <c>ERR</c>), or empty.</summary>
    private static ReadOnlySpan<char> LevelOf(CFragment fragment, in CToken token)
    {
        if (token.Kind != CTokenKind.Identifier) return default;
        var text = fragment.TextOf(token);
        if (!text.StartsWith("KERN_")) return default;
        var level = text[5..];
        var length = 0;
        while (length < level.Length && char.IsAsciiLetterUpper(level[length])) length++;
        return level[..length];
    }

    /// <summary>True when the token at <paramref name="t"/> is a whole <c>KERN_</c> name of capitals (<c>KERN_INFO</c>, not <c>KERN_X1</c>).</summary>
    private static bool IsWholeLevel(CFragment fragment, ReadOnlySpan<CToken> code, int t)
    {
        if (t >= code.Length) return false;
        var level = LevelOf(fragment, code[t]);
        return !level.IsEmpty && level.Length + 5 == code[t].Length;
    }

    /// <summary>The pr_ level of a KERN_ level: <c>ERR</c> → <c>err</c>, <c>WARNING</c> → <c>warn</c>.</summary>
    private static string PrName(ReadOnlySpan<char> level) => level.SequenceEqual("WARNING") ? "warn" : level.ToString().ToLowerInvariant();
}
