using System.Globalization;
using DiffLint.Core.Analysis;

namespace DiffLint.Reporting;

/// <summary>Small helpers shared by the machine-readable reporters.</summary>
internal static class ReportCounts
{
    public static (int Errors, int Warnings, int Notes) Count(IEnumerable<Diagnostic> diagnostics)
    {
        int errors = 0, warnings = 0, notes = 0;
        foreach (var d in diagnostics)
        {
            switch (d.Severity)
            {
                case Severity.Error: errors++; break;
                case Severity.Warning: warnings++; break;
                default: notes++; break;
            }
        }

        return (errors, warnings, notes);
    }

    public static string Plural(int n, string one) => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? one : one + "s");

    /// <summary>One output line: CR and LF in a message would break line-oriented formats.</summary>
    public static string OneLine(string text) =>
        text.IndexOfAny(['\r', '\n']) < 0 ? text : text.Replace("\r\n", " ").Replace('\r', ' ').Replace('\n', ' ');

    public static string ToolVersion()
    {
        var assembly = typeof(ReportCounts).Assembly;
        var informational = (System.Reflection.AssemblyInformationalVersionAttribute?)Attribute.GetCustomAttribute(
            assembly, typeof(System.Reflection.AssemblyInformationalVersionAttribute));
        var version = informational?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
        var plus = version.IndexOf('+');
        return plus > 0 ? version[..plus] : version;
    }
}
