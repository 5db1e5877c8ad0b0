using System.Globalization;

namespace DiffLint.Core.Git;

/// <summary>The version of the git binary, from <c>git version</c> (e.g. <c>git version 2.39.5</c>,
/// <c>git version 2.45.2.windows.1</c>, <c>git version 2.39.3 (Apple Git-146)</c>).</summary>
public sealed record GitVersion(int Major, int Minor, int Patch) : IComparable<GitVersion>
{
    /// <summary>Git 2.41 gives sendemail-validate the header file ($2) and the file counters.</summary>
    public static readonly GitVersion SendEmailHeadersAndCounters = new(2, 41, 0);

    /// <summary>Git 2.54 lets hooks be declared in config (<c>hook.&lt;name&gt;.event</c>/<c>.command</c>).</summary>
    public static readonly GitVersion ConfigHooks = new(2, 54, 0);

    public static bool TryParse(string text, out GitVersion version)
    {
        version = new GitVersion(0, 0, 0);
        const string Prefix = "git version ";
        var line = text.AsSpan().Trim();
        if (!line.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var rest = line[Prefix.Length..];
        var numbers = new int[3];
        var parsed = 0;
        while (parsed < numbers.Length)
        {
            var end = 0;
            while (end < rest.Length && char.IsAsciiDigit(rest[end])) end++;
            if (end == 0 || !int.TryParse(rest[..end], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[parsed])) break;
            parsed++;
            rest = rest[end..];
            if (rest.IsEmpty || rest[0] != '.') break;
            rest = rest[1..];
        }

        // "2" alone is not a version; "2.54" is (the patch level is then 0).
        if (parsed < 2) return false;
        version = new GitVersion(numbers[0], numbers[1], numbers[2]);
        return true;
    }

    /// <summary>Runs <c>git version</c>.</summary>
    public static GitVersion Of(string workingDirectory)
    {
        var output = GitProcess.Run(workingDirectory, ["version"]);
        return output.Succeeded && TryParse(output.Text, out var version)
            ? version
            : throw new GitUnavailableException($"cannot tell the git version from '{output.Text}'");
    }

    public int CompareTo(GitVersion? other) =>
        other is null ? 1 : (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));

    public static bool operator >=(GitVersion a, GitVersion b) => a.CompareTo(b) >= 0;

    public static bool operator <=(GitVersion a, GitVersion b) => a.CompareTo(b) <= 0;

    public static bool operator >(GitVersion a, GitVersion b) => a.CompareTo(b) > 0;

    public static bool operator <(GitVersion a, GitVersion b) => a.CompareTo(b) < 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");
}
