using DiffLint.Core;
using DiffLint.Core.Analysis;

namespace DiffLint.Reporting;

/// <summary>Writes a finished run in one output format. Reporters see descriptors and diagnostics, never rules.</summary>
public interface IReporter
{
    void Write(RunResult result, IReadOnlyList<RuleDescriptor> rules, TextWriter writer);
}
