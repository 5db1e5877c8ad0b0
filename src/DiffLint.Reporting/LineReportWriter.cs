using DiffLint.Core;
using DiffLint.Core.Analysis;

namespace DiffLint.Reporting;

/// <summary>A report written line by line as the reports come: one action per report, one at the end.</summary>
internal sealed class LineReportWriter(Action<PatchReport> write, Action<RunResult> end) : IReportWriter
{
    public void Write(PatchReport report) => write(report);

    public void End(RunResult result) => end(result);
}
