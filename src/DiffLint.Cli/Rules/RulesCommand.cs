using System.CommandLine;
using System.Text.RegularExpressions;
using DiffLint.Reporting;

namespace DiffLint.Cli.Rules;

/// <summary>
/// <c>difflint rules [--format text|json|markdown]</c>: every rule, one a line. <c>--write-docs DIR</c> writes the
/// documentation pages instead (<c>docs/rules/</c>: one page per rule, as <c>difflint rule</c> prints it, and the index).
/// </summary>
internal sealed partial class RulesCommand
{
    private readonly Option<string> _format = new("--format", "-f")
    {
        Description = "text (a table), json, or markdown (the index of docs/rules/).",
        DefaultValueFactory = _ => "text",
    };

    private readonly Option<DirectoryInfo?> _writeDocs = new("--write-docs")
    {
        Description = "Write every rule's documentation page and the index into DIR (docs/rules), and remove the pages of rules that are gone.",
        HelpName = "DIR",
    };

    private readonly (Option<string[]> Packs, Option<string[]> Sources) _packs = RuleCatalogue.PackOptions();

    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;

    public RulesCommand(TextWriter stdout, TextWriter stderr)
    {
        _stdout = stdout;
        _stderr = stderr;
        _format.AcceptOnlyFromAmong([.. RuleListing.Formats]);
        Command = new Command("rules", "List every rule: ID, name, category, default severity, CHECK level, profiles, checkpatch TYPEs, pack, title.")
        {
            _format, _writeDocs, _packs.Packs, _packs.Sources,
        };
        Command.SetAction(Run);
    }

    public Command Command { get; }

    private int Run(ParseResult parse)
    {
        if (parse.GetValue(_writeDocs) is { } directory) return WriteDocs(directory);
        if (RuleCatalogue.Load(parse, _packs, _stderr) is not { } entries) return ExitCodes.UsageOrInput;
        _stdout.Write(RuleListing.Render(entries, parse.GetValue(_format)!));
        return ExitCodes.Clean;
    }

    private int WriteDocs(DirectoryInfo directory)
    {
        var pages = RuleDocumentation.Pages([.. RuleCatalogue.BuiltInEntries]);
        try
        {
            directory.Create();
            // Only rule pages are ever removed, so a wrong DIR loses nothing else.
            foreach (var stale in directory.EnumerateFiles("DL*.md").Where(f => RulePage().IsMatch(f.Name) && !pages.ContainsKey(f.Name)))
                stale.Delete();
            foreach (var (name, text) in pages) File.WriteAllText(Path.Combine(directory.FullName, name), text);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _stderr.WriteLine($"difflint: rules --write-docs {directory}: {ex.Message}");
            return ExitCodes.UsageOrInput;
        }

        _stdout.WriteLine($"difflint: wrote {pages.Count} pages to {directory}");
        return ExitCodes.Clean;
    }

    [GeneratedRegex("^DL[0-9]{4}\\.md$", RegexOptions.NonBacktracking)]
    private static partial Regex RulePage();
}
