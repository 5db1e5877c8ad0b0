using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Reporting;

/// <summary>
/// <c>--format b4</c>: the contract of b4's <c>prep-perpatch-check-cmd</c>/<c>am-perpatch-check-cmd</c>. One finding
/// per stdout line, <c>{location}: ERROR|WARNING|CHECK: {message} [{ruleId}]</c>; b4 counts a line containing
/// <c>ERROR:</c> as fail and any other line as warning. Nothing at all is printed when there is nothing to report
/// (no summary line), so a clean patch shows as passing. Unreadable inputs are <c>ERROR:</c> lines too.
/// The location is <c>path:line:col</c> in the post-image file, or <c>input:line</c> (b4 strips a leading <c>-:</c>
/// when the patch came on standard input).
/// </summary>
public sealed class B4Reporter : IReporter
{
    public IReportWriter Start(IReadOnlyList<RuleDescriptor> rules, IReadOnlyList<InputSource> inputs, TextWriter writer) =>
        new LineReportWriter(report =>
        {
            foreach (var d in report.Diagnostics)
            {
                var where = ReportLocation.Of(report.Patch, d);
                var level = d.Severity switch { Severity.Error => "ERROR", Severity.Warning => "WARNING", _ => "CHECK" };
                writer.Write($"{OutputText.Escape(where.ToString())}: {level}: {OutputText.Escape(ReportCounts.OneLine(d.Message))} [{d.Id}]\n");
            }
        }, result =>
        {
            foreach (var error in result.Errors)
            {
                var where = new ReportLocation(error.Input, error.Line);
                writer.Write($"{OutputText.Escape(where.ToString())}: ERROR: {OutputText.Escape(ReportCounts.OneLine(error.Message))}\n");
            }
        });
}
