using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Reporting;
using DiffLint.Rules;

namespace DiffLint.Cli.Rules;

/// <summary>Every rule difflint can report, with the pack it comes from: what <c>difflint rules</c> and <c>difflint rule</c> show.</summary>
internal static class RuleCatalogue
{
    public const string BuiltIn = "built-in";

    /// <summary>The rules of the loaded packs, then the engine's and the reader's own (DL9001, DL9002), by ID.</summary>
    public static IReadOnlyList<RuleEntry> All { get; } =
    [
        .. BuiltInRules.All.SelectMany(rule => rule.SupportedDiagnostics.Select(descriptor => new RuleEntry(descriptor, PackOf(rule))))
            .Concat([new RuleEntry(AnalysisEngine.RuleFailure, BuiltIn), new RuleEntry(DiffLintRunner.ParserFailure, BuiltIn)])
            .DistinctBy(entry => entry.Descriptor.Id)
            .OrderBy(entry => entry.Descriptor.Id, StringComparer.Ordinal),
    ];

    /// <summary>The pack a rule was loaded from.</summary>
    private static string PackOf(PatchRule rule) => BuiltIn;
}
