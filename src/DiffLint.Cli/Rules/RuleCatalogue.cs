using System.Collections.Immutable;
using System.CommandLine;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Reporting;
using DiffLint.Rules;

namespace DiffLint.Cli.Rules;

/// <summary>Every rule difflint can report, with the pack it comes from: what <c>difflint rules</c> and <c>difflint rule</c> show.</summary>
internal static class RuleCatalogue
{
    public const string BuiltIn = RulePack.BuiltInName;

    /// <summary>The built-in rules, then the engine's and the reader's own (DL9001, DL9002), by ID: what docs/rules/ documents.</summary>
    public static IReadOnlyList<RuleEntry> BuiltInEntries { get; } = With([]);

    /// <summary>The built-in rules and those of <paramref name="packs"/>, each with its pack's name, by ID.</summary>
    public static IReadOnlyList<RuleEntry> With(ImmutableArray<RulePack> packs) =>
    [
        .. BuiltInRules.All.SelectMany(rule => rule.SupportedDiagnostics.Select(descriptor => new RuleEntry(descriptor, BuiltIn)))
            .Concat(packs.SelectMany(pack => pack.Rules.SelectMany(rule => rule.SupportedDiagnostics.Select(descriptor => new RuleEntry(descriptor, pack.Name)))))
            .Concat([new RuleEntry(AnalysisEngine.RuleFailure, BuiltIn), new RuleEntry(DiffLintRunner.ParserFailure, BuiltIn)])
            .DistinctBy(entry => entry.Descriptor.Id)
            .OrderBy(entry => entry.Descriptor.Id, StringComparer.Ordinal),
    ];

    /// <summary><c>--rules</c> and <c>--rule-source</c>, as the check takes them, for the commands that list rules.</summary>
    public static (Option<string[]> Packs, Option<string[]> Sources) PackOptions() =>
    (
        new Option<string[]>("--rules") { Description = "Also list the rules of this rule pack assembly (repeatable).", HelpName = "PATH", AllowMultipleArgumentsPerToken = false },
        new Option<string[]>("--rule-source") { Description = "Also list the single-file rules of this folder (repeatable).", HelpName = "DIR", AllowMultipleArgumentsPerToken = false }
    );

    /// <summary>The entries with the packs the .editorconfig and the options name; null (said on stderr) when a pack cannot be used.</summary>
    public static IReadOnlyList<RuleEntry>? Load(ParseResult parse, (Option<string[]> Packs, Option<string[]> Sources) options, TextWriter stderr) =>
        CommandLine.LoadRulePacks(Environment.CurrentDirectory, parse.GetValue(options.Packs) ?? [], parse.GetValue(options.Sources) ?? [], stderr) is { } packs
            ? With(packs)
            : null;
}
