using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Reporting;

/// <summary>
/// An output format. A report is written as the run goes: <see cref="Start"/> when the run starts, then
/// <see cref="IReportWriter.Write"/> for each report in input order as soon as its series is complete, then
/// <see cref="IReportWriter.End"/>. Reporters see descriptors and diagnostics, never rules.
/// </summary>
public interface IReporter
{
    /// <summary>Starts a report on <paramref name="writer"/>: the rules run and the inputs, in command-line order.</summary>
    IReportWriter Start(IReadOnlyList<RuleDescriptor> rules, IReadOnlyList<InputSource> inputs, TextWriter writer);
}

/// <summary>One report being written.</summary>
public interface IReportWriter
{
    /// <summary>The next report of the run, in input order.</summary>
    void Write(PatchReport report);

    /// <summary>
    /// The end of the run: its input errors, statistics and internal errors (its <see cref="RunResult.Reports"/> are
    /// the ones already written, or none when they were streamed).
    /// </summary>
    void End(RunResult result);
}

public static class ReporterExtensions
{
    /// <summary>Writes a finished run at once.</summary>
    public static void Write(this IReporter reporter, RunResult result, IReadOnlyList<RuleDescriptor> rules, TextWriter writer)
    {
        var report = reporter.Start(rules, [.. result.Inputs.Select(i => i.Source)], writer);
        foreach (var patch in result.Reports) report.Write(patch);
        report.End(result);
    }
}
