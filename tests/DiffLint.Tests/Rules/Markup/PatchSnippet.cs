using System.Text;

namespace DiffLint.Tests.Rules.Markup;

/// <summary>
/// Writes a <c>git format-patch</c> mail around the lines of a snippet, so a case gives only the lines it is about and
/// never counts them. A snippet reads:
/// <code>
/// Subject: [PATCH] clamp: limit the value      (optional: Subject, From and Date lines first, then a blank line)
/// The commit message, if the case needs one.  (optional: without one, a Signed-off-by line is written)
/// @@ lib/clamp.c:20 static int clamp(int x)   (a hunk of lib/clamp.c whose first line is post-image line 20,
///  {                                           with the function git would name after the @@)
/// +	if (x > 10)
/// -	if (x)
/// @@ new lib/limits.h                           (a hunk that creates a file)
/// +#define LIMIT 10
/// </code>
/// Hunk lines start with ' ', '+' or '-' as in a diff (an empty line is an empty context line). Consecutive hunks of
/// one path make one file diff, and each hunk's pre-image start follows from the lines the hunks before it add and
/// remove. The diff --git, index, ---, +++ and @@ lines and the diffstat are written with the right counts.
/// </summary>
public static class PatchSnippet
{
    private const string Author = "Jane Developer <jane@example.org>";

    /// <summary>The snippet for one hunk of <paramref name="path"/> whose first line is post-image line <paramref name="line"/>.</summary>
    public static string Hunk(string path, int line, string lines) => $"@@ {path}:{line}\n{lines}";

    /// <summary>The patch mail a snippet stands for (see the class summary for its form).</summary>
    public static string Render(string snippet)
    {
        var lines = snippet.Replace("\r\n", "\n").Split('\n');
        if (lines.Length > 0 && lines[^1].Length == 0) lines = lines[..^1];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["From"] = Author,
            ["Date"] = "Mon, 2 Mar 2026 10:00:00 +0000",
            ["Subject"] = "[PATCH] test: add the case",
        };
        var at = 0;
        for (; at < lines.Length && HeaderOf(lines[at]) is var (name, value); at++) headers[name] = value;
        if (at > 0 && at < lines.Length && lines[at].Length == 0) at++;

        var message = new List<string>();
        for (; at < lines.Length && !lines[at].StartsWith("@@ ", StringComparison.Ordinal); at++) message.Add(lines[at]);
        if (message.All(string.IsNullOrWhiteSpace)) message = ["Signed-off-by: " + Author];

        var files = new List<SnippetFile>();
        for (; at < lines.Length; at++)
        {
            if (lines[at].StartsWith("@@ ", StringComparison.Ordinal))
            {
                var hunk = ParseHunkLine(lines[at]);
                if (files.Count == 0 || files[^1].Path != hunk.Path || hunk.IsNew) files.Add(new SnippetFile(hunk.Path, hunk.IsNew));
                files[^1].Hunks.Add(hunk);
                continue;
            }

            var line = lines[at].Length == 0 ? " " : lines[at];
            if (line[0] is not (' ' or '+' or '-' or '\\'))
                throw new FormatException($"snippet line {at + 1}: a hunk line starts with ' ', '+' or '-': {lines[at]}");
            files[^1].Hunks[^1].Lines.Add(line);
        }

        var patch = new StringBuilder();
        patch.Append("From 5a1c2b3d4e5f60718293a4b5c6d7e8f901234567 Mon Sep 17 00:00:00 2001\n");
        patch.Append("From: ").Append(headers["From"]).Append('\n');
        patch.Append("Date: ").Append(headers["Date"]).Append('\n');
        patch.Append("Subject: ").Append(headers["Subject"]).Append('\n');
        patch.Append('\n');
        foreach (var line in message) patch.Append(line).Append('\n');
        patch.Append("---\n");
        if (files.Count > 0) AppendDiffstat(patch, files);
        patch.Append('\n');
        foreach (var file in files) AppendFileDiff(patch, file);
        patch.Append("-- \n2.39.5\n");
        return patch.ToString();
    }

    private static (string Name, string Value)? HeaderOf(string line)
    {
        foreach (var name in (ReadOnlySpan<string>)["Subject", "From", "Date"])
        {
            if (line.StartsWith(name + ": ", StringComparison.Ordinal)) return (name, line[(name.Length + 2)..]);
        }

        return null;
    }

    // "@@ path:line [function]" or "@@ new path".
    private static SnippetHunk ParseHunkLine(string line)
    {
        var rest = line[3..].Trim();
        if (rest.StartsWith("new ", StringComparison.Ordinal)) return new SnippetHunk(rest[4..].Trim(), 1, "", IsNew: true);
        var space = rest.IndexOf(' ');
        var place = space < 0 ? rest : rest[..space];
        var function = space < 0 ? "" : rest[(space + 1)..].Trim();
        var colon = place.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(place[(colon + 1)..], out var start) || start < 1)
            throw new FormatException($"a snippet's hunk line reads '@@ path:line [function]' or '@@ new path', not '{line}'");
        return new SnippetHunk(place[..colon], start, function, IsNew: false);
    }

    private static void AppendDiffstat(StringBuilder patch, List<SnippetFile> files)
    {
        var width = files.Max(f => f.Path.Length);
        var counts = files.Select(f => (Added: f.Count('+'), Removed: f.Count('-'))).ToList();
        var digits = counts.Max(c => (c.Added + c.Removed).ToString().Length);
        for (var i = 0; i < files.Count; i++)
        {
            var (added, removed) = counts[i];
            patch.Append(' ').Append(files[i].Path.PadRight(width)).Append(" | ").Append((added + removed).ToString().PadLeft(digits))
                .Append(' ').Append('+', added).Append('-', removed).Append('\n');
        }

        var insertions = counts.Sum(c => c.Added);
        var deletions = counts.Sum(c => c.Removed);
        patch.Append(' ').Append(files.Count).Append(files.Count == 1 ? " file changed" : " files changed");
        if (insertions > 0) patch.Append(", ").Append(insertions).Append(insertions == 1 ? " insertion(+)" : " insertions(+)");
        if (deletions > 0) patch.Append(", ").Append(deletions).Append(deletions == 1 ? " deletion(-)" : " deletions(-)");
        if (files.Any(f => f.IsNew))
        {
            foreach (var file in files.Where(f => f.IsNew)) patch.Append("\n create mode 100644 ").Append(file.Path);
        }

        patch.Append('\n');
    }

    private static void AppendFileDiff(StringBuilder patch, SnippetFile file)
    {
        patch.Append("diff --git a/").Append(file.Path).Append(" b/").Append(file.Path).Append('\n');
        if (file.IsNew) patch.Append("new file mode 100644\nindex 0000000..2222222\n--- /dev/null\n");
        else patch.Append("index 1111111..2222222 100644\n--- a/").Append(file.Path).Append('\n');
        patch.Append("+++ b/").Append(file.Path).Append('\n');

        // How far the pre-image lags the post-image at the next hunk: the lines the hunks before it add, less those they remove.
        var shift = 0;
        foreach (var hunk in file.Hunks)
        {
            var oldCount = hunk.Lines.Count(l => l[0] is ' ' or '-');
            var newCount = hunk.Lines.Count(l => l[0] is ' ' or '+');
            // git numbers an empty side from the line before it (so a new file's is -0,0).
            var newStart = newCount == 0 ? hunk.Start - 1 : hunk.Start;
            var oldStart = file.IsNew ? 0 : oldCount == 0 ? hunk.Start - shift - 1 : hunk.Start - shift;
            patch.Append("@@ -").Append(Range(oldStart, oldCount)).Append(" +").Append(Range(newStart, newCount)).Append(" @@");
            if (hunk.Function.Length > 0) patch.Append(' ').Append(hunk.Function);
            patch.Append('\n');
            foreach (var line in hunk.Lines) patch.Append(line).Append('\n');
            shift += newCount - oldCount;
        }
    }

    // git leaves out a count of one.
    private static string Range(int start, int count) => count == 1 ? start.ToString() : $"{start},{count}";

    private sealed record SnippetFile(string Path, bool IsNew)
    {
        public List<SnippetHunk> Hunks { get; } = [];

        public int Count(char prefix) => Hunks.Sum(h => h.Lines.Count(l => l[0] == prefix));
    }

    private sealed record SnippetHunk(string Path, int Start, string Function, bool IsNew)
    {
        public List<string> Lines { get; } = [];
    }
}
