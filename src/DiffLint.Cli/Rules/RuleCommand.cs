using System.CommandLine;
using DiffLint.Reporting;

namespace DiffLint.Cli.Rules;

/// <summary>
/// <c>difflint rule &lt;ID|name|TYPE&gt;</c>: the rule's documentation page (its <c>docs/rules/</c> page, word for word),
/// as ruff's <c>ruff rule</c>. A checkpatch TYPE that several rules carry prints each of their pages.
/// </summary>
internal sealed class RuleCommand
{
    private const string Expected = "a rule ID (DL2001), a rule name (trailing-whitespace) or a checkpatch TYPE (LONG_LINE, Q_...)";

    private readonly Argument<string> _rule = new("rule") { Description = "The rule: its ID (DL2001), name (trailing-whitespace) or checkpatch TYPE (LONG_LINE, Q_...)." };

    private readonly Option<string> _format = new("--format", "-f")
    {
        Description = "markdown (the docs/rules/ page) or json.",
        DefaultValueFactory = _ => "markdown",
    };

    private readonly (Option<string[]> Packs, Option<string[]> Sources) _packs = RuleCatalogue.PackOptions();

    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;

    public RuleCommand(TextWriter stdout, TextWriter stderr)
    {
        _stdout = stdout;
        _stderr = stderr;
        _format.AcceptOnlyFromAmong("markdown", "json");
        Command = new Command("rule", "Show a rule's documentation: what it checks, why, an example, its configuration.") { _rule, _format, _packs.Packs, _packs.Sources };
        Command.SetAction(Run);
    }

    public Command Command { get; }

    private int Run(ParseResult parse)
    {
        var word = parse.GetValue(_rule)!;
        if (RuleCatalogue.Load(parse, _packs, _stderr) is not { } catalogue) return ExitCodes.UsageOrInput;
        var names = new RuleNames(catalogue.Select(r => r.Descriptor));
        if (names.IsCategory(word) || !names.TryResolve(word, out var named))
        {
            var what = names.IsCategory(word) ? "is a category, not a rule ('difflint rules' lists its rules)" : "names no rule";
            _stderr.WriteLine($"difflint: rule {word}: {what}; expected {Expected}. Try 'difflint rules'.");
            return ExitCodes.UsageOrInput;
        }

        var entries = catalogue.Where(entry => named.Contains(entry.Descriptor)).ToList();
        _stdout.Write(parse.GetValue(_format) == "json"
            ? RuleListing.Json(entries, withDocumentation: true)
            : string.Join("\n", entries.Select(RuleDocumentation.RenderRule)));
        return ExitCodes.Clean;
    }
}
