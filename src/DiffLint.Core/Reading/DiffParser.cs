using System.Buffers;
using System.Collections.Immutable;
using DiffLint.Core.Mime;
using DiffLint.Core.Model;

namespace DiffLint.Core.Reading;

/// <summary>
/// Parses the diff part of a message (git diffs with extended headers, <c>diff -u</c>, CVS <c>Index:</c> diffs)
/// into <see cref="FileDiff"/>s. Hunks are consumed by the counts in their <c>@@</c> headers, never by line prefix,
/// so the <c>-- </c> mail signature after the last hunk is not mistaken for a removed line. Where the text
/// disagrees with itself a <see cref="DiffProblem"/> is recorded at the exact input line and parsing resumes at the
/// next header.
/// </summary>
internal sealed class DiffParser
{
    // The decoder's array itself, not an IReadOnlyList over it: each line is read several times, and through the
    // interface every read was a call the JIT could not inline.
    private readonly BodyLine[] _lines;
    private int _index;
    private readonly ImmutableArray<FileDiff>.Builder _files = ImmutableArray.CreateBuilder<FileDiff>();
    private readonly ImmutableArray<DiffProblem>.Builder _problems = ImmutableArray.CreateBuilder<DiffProblem>();

    private FileBuilder? _file;
    // Index of the line right after the last hunk: a diff-like line there means the header undercounted.
    private int _hunkEndIndex = -1;
    private bool _reportedTrailingDiffLines;
    private bool _reportedPatchLimit;

    private readonly int _maxHunkLines;

    /// <summary>Diff lines the patch may still keep (the patch-lines input limit); past it, hunks are read, not kept.</summary>
    private int _patchLinesLeft;

    /// <summary>How many of <see cref="_lines"/> are the body's (the array may be rented, and longer).</summary>
    private readonly int _lineCount;

    private DiffParser(BodyLine[] lines, int lineCount, int start, int maxHunkLines, int maxPatchLines)
    {
        _lines = lines;
        _lineCount = lineCount;
        _index = start;
        _maxHunkLines = maxHunkLines;
        _maxPatchLines = maxPatchLines;
        _patchLinesLeft = maxPatchLines;
    }

    private readonly int _maxPatchLines;

    public sealed record Result(ImmutableArray<FileDiff> Files, ImmutableArray<DiffProblem> Problems, string? BaseCommit);

    /// <summary>
    /// Parses the diff that starts at line <paramref name="start"/> of the first <paramref name="lineCount"/> <paramref name="lines"/>; a hunk keeps at most <paramref name="maxHunkLines"/>
    /// lines (the hunk-lines input limit), all hunks together at most <paramref name="maxPatchLines"/> (patch-lines).
    /// </summary>
    public static Result Parse(BodyLine[] lines, int lineCount, int start, int maxHunkLines = int.MaxValue, int maxPatchLines = int.MaxValue)
    {
        var parser = new DiffParser(lines, lineCount, start, maxHunkLines, maxPatchLines);
        var baseCommit = parser.Run();
        return new Result(parser._files.ToImmutable(), parser._problems.ToImmutable(), baseCommit);
    }

    /// <summary>True when a diff starts at <paramref name="index"/>: a header line git or patch would act on.</summary>
    public static bool IsDiffStart(ReadOnlySpan<BodyLine> lines, int index)
    {
        var line = lines[index].Text.Span;
        // Every header starts with 'd', 'I' or '-': the first character turns away the lines of a message or notes.
        if (line.IsEmpty || line[0] is not ('d' or 'I' or '-')) return false;
        if (line.StartsWith("diff --git ") || line.StartsWith("diff -") || line.StartsWith("diff --cc ")) return true;
        if (line.StartsWith("Index: ") && index + 1 < lines.Length && lines[index + 1].Text.Span.StartsWith("====")) return true;
        if (line.StartsWith("--- ") && index + 1 < lines.Length && lines[index + 1].Text.Span.StartsWith("+++ ")) return true;
        return false;
    }

    private string? Run()
    {
        string? baseCommit = null;
        while (_index < _lineCount)
        {
            var line = _lines[_index].Text.Span;
            var inputLine = _lines[_index].Line;

            if (line.StartsWith("diff --git ") || line.StartsWith("diff --cc ") || line.StartsWith("diff --combined "))
            {
                FinishFile();
                StartGitFile(line, inputLine);
                _index++;
                ReadExtendedHeaders();
                continue;
            }

            if (line.StartsWith("diff ") || (line.StartsWith("Index: ") && NextStartsWith("====")))
            {
                FinishFile();
                _file = new FileBuilder(inputLine) { IsGit = false };
                _index++;
                continue;
            }

            if (line.StartsWith("--- ") && NextStartsWith("+++ "))
            {
                ReadFileNames();
                continue;
            }

            if (line.StartsWith("@@ -"))
            {
                ReadHunk();
                continue;
            }

            if (line.SequenceEqual("-- ") || line.SequenceEqual("--"))
            {
                // The mail signature: everything after it is the git version or a list footer.
                break;
            }

            if (line.StartsWith("base-commit: "))
            {
                baseCommit = line["base-commit: ".Length..].Trim().ToString();
            }
            else if (_index == _hunkEndIndex && LooksLikeHunkBody(line))
            {
                ReportTrailingDiffLines(inputLine);
            }
            else if (line.StartsWith("Binary files ") && _file is not null)
            {
                _file.IsBinary = true;
            }

            _index++;
        }

        FinishFile();
        return baseCommit;
    }

    private bool NextStartsWith(string prefix) => _index + 1 < _lineCount && _lines[_index + 1].Text.Span.StartsWith(prefix);

    private static bool LooksLikeHunkBody(ReadOnlySpan<char> line) =>
        line.Length > 0
        && (line[0] == '+' || line[0] == '-' || (line[0] == ' ' && line.Length > 1 && !line[1..].IsWhiteSpace()))
        && !line.StartsWith("+++ ") && !line.StartsWith("--- ") && !line.TrimEnd().SequenceEqual("---");

    private void ReportTrailingDiffLines(int inputLine)
    {
        if (_reportedTrailingDiffLines) return;
        _reportedTrailingDiffLines = true;
        _problems.Add(new DiffProblem(DiffProblemKind.HunkLongerThanHeader, inputLine, _file?.Path,
            "diff line after the end of the hunk: the @@ header counts fewer lines than the hunk has (hand-edited patch or mail damage)"));
    }

    private void StartGitFile(ReadOnlySpan<char> line, int inputLine)
    {
        _file = new FileBuilder(inputLine) { IsGit = true };
        if (!line.StartsWith("diff --git ")) return;
        var rest = line["diff --git ".Length..];
        if (TrySplitGitPaths(rest, out var oldPath, out var newPath, out var prefixed))
        {
            _file.OldPath = oldPath;
            _file.NewPath = newPath;
            _file.GitPrefixed = prefixed;
        }
    }

    private void ReadExtendedHeaders()
    {
        var file = _file!;
        while (_index < _lineCount)
        {
            var line = _lines[_index].Text.Span;
            var inputLine = _lines[_index].Line;
            if (line.StartsWith("old mode ")) file.OldMode = line[9..].Trim().ToString();
            else if (line.StartsWith("new mode ")) file.NewMode = line[9..].Trim().ToString();
            else if (line.StartsWith("deleted file mode "))
            {
                file.Change = FileChangeKind.Deleted;
                file.OldMode = line[18..].Trim().ToString();
                file.ExtendedHeaderLine = inputLine;
            }
            else if (line.StartsWith("new file mode "))
            {
                file.Change = FileChangeKind.Added;
                file.NewMode = line[14..].Trim().ToString();
                file.ExtendedHeaderLine = inputLine;
            }
            else if (line.StartsWith("rename from ") || line.StartsWith("copy from "))
            {
                file.Change = line[0] == 'r' ? FileChangeKind.Renamed : FileChangeKind.Copied;
                file.OldPath = PathText.Unquote(line[(line.IndexOf("from ", StringComparison.Ordinal) + 5)..]);
                if (file.ExtendedHeaderLine == 0) file.ExtendedHeaderLine = inputLine;
            }
            else if (line.StartsWith("rename to ") || line.StartsWith("copy to "))
            {
                file.NewPath = PathText.Unquote(line[(line.IndexOf("to ", StringComparison.Ordinal) + 3)..]);
            }
            else if (line.StartsWith("similarity index ") || line.StartsWith("dissimilarity index "))
            {
                var value = line[(line.IndexOf("index ", StringComparison.Ordinal) + 6)..].TrimEnd('%');
                if (int.TryParse(value, out var similarity)) file.Similarity = similarity;
            }
            else if (line.StartsWith("index ")) ReadBlobIds(line[6..], file);
            else if (line.StartsWith("Binary files ")) file.IsBinary = true;
            else if (line.StartsWith("GIT binary patch"))
            {
                file.IsBinary = true;
                _index++;
                SkipBinaryPatch();
                return;
            }
            else return;

            _index++;
        }
    }

    /// <summary>
    /// <c>index &lt;old&gt;..&lt;new&gt; [mode]</c>: keeps both blob ids as written. A combined diff's
    /// <c>index a,b..c</c> or a damaged line is not hex on both sides and leaves them null.
    /// </summary>
    private static void ReadBlobIds(ReadOnlySpan<char> text, FileBuilder file)
    {
        text = text.Trim();
        var space = text.IndexOfAny(' ', '\t');
        if (space >= 0) text = text[..space];
        var dots = text.IndexOf("..", StringComparison.Ordinal);
        if (dots < 0) return;
        var oldBlob = text[..dots];
        var newBlob = text[(dots + 2)..];
        if (!IsHex(oldBlob) || !IsHex(newBlob)) return;
        file.OldBlob = oldBlob.ToString();
        file.NewBlob = newBlob.ToString();
    }

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private static bool IsHex(ReadOnlySpan<char> text) => text.Length > 0 && !text.ContainsAnyExcept(HexDigits);

    /// <summary>Skips the <c>literal</c>/<c>delta</c> blocks of base85 lines that follow <c>GIT binary patch</c>.</summary>
    private void SkipBinaryPatch()
    {
        while (_index < _lineCount)
        {
            var line = _lines[_index].Text.Span;
            if (line.StartsWith("literal ") || line.StartsWith("delta "))
            {
                _index++;
                while (_index < _lineCount && _lines[_index].Text.Length > 0) _index++;
                // The blank line that closes the block.
                if (_index < _lineCount) _index++;
                continue;
            }

            return;
        }
    }

    private void ReadFileNames()
    {
        var minus = _lines[_index].Text.Span[4..];
        var plus = _lines[_index + 1].Text.Span[4..];
        var headerLine = _lines[_index].Line;
        _index += 2;

        if (_file is null || _file.HunkCount > 0 || _file.SawFileNames)
        {
            // A diff without a "diff" line before it (plain diff -u output, or a second file of it).
            FinishFile();
            _file = new FileBuilder(headerLine) { IsGit = false };
        }

        var file = _file;
        file.SawFileNames = true;
        var oldName = ParseFileNameLine(minus, file, file.OldPath);
        var newName = ParseFileNameLine(plus, file, file.NewPath ?? oldName);
        if (oldName is null)
        {
            file.Change = FileChangeKind.Added;
            file.OldPath = null;
        }
        else file.OldPath ??= oldName;

        if (newName is null)
        {
            file.Change = FileChangeKind.Deleted;
            file.NewPath = null;
        }
        else if (file.Change is not FileChangeKind.Renamed and not FileChangeKind.Copied || file.NewPath is null)
        {
            file.NewPath = newName;
        }

        if (file.Change == FileChangeKind.Added) file.OldPath = null;
    }

    /// <summary>
    /// Returns the path of a <c>---</c>/<c>+++</c> line without prefix and timestamp, or null for /dev/null; when it is
    /// <paramref name="known"/> (the <c>diff --git</c> line named it already), that string.
    /// </summary>
    private static string? ParseFileNameLine(ReadOnlySpan<char> text, FileBuilder file, string? known)
    {
        ReadOnlySpan<char> path;
        if (text.Length > 0 && text[0] == '"')
        {
            path = PathText.Unquote(text);
        }
        else
        {
            // diff -u appends "\t<timestamp>".
            var tab = text.IndexOf('\t');
            if (tab >= 0) text = text[..tab];
            path = text.TrimEnd();
        }

        if (path.SequenceEqual("/dev/null")) return null;
        if (file.IsGit)
        {
            if (file.GitPrefixed) path = WithoutOnePrefix(path);
        }
        else if (path.StartsWith("a/") || path.StartsWith("b/"))
        {
            path = path[2..];
        }

        return known is not null && path.SequenceEqual(known) ? known : path.ToString();
    }

    private static ReadOnlySpan<char> WithoutOnePrefix(ReadOnlySpan<char> path)
    {
        var slash = path.IndexOf('/');
        return slash > 0 ? path[(slash + 1)..] : path;
    }

    /// <summary>
    /// Splits the two paths of <c>diff --git A B</c>. Quoted paths are unquoted; unquoted paths with spaces are
    /// split where both halves name the same file, as git does.
    /// </summary>
    internal static bool TrySplitGitPaths(ReadOnlySpan<char> rest, out string? oldPath, out string? newPath, out bool prefixed)
    {
        oldPath = newPath = null;
        prefixed = false;
        ReadOnlySpan<char> first, second;
        if (rest.Length > 0 && rest[0] == '"')
        {
            var end = PathText.QuotedLength(rest);
            if (end <= 0) return false;
            first = PathText.Unquote(rest[..end]);
            second = PathText.Unquote(rest[end..].Trim());
        }
        else if (rest.Length > 0 && rest[^1] == '"')
        {
            var open = rest.IndexOf(" \"");
            if (open < 0) return false;
            first = rest[..open];
            second = PathText.Unquote(rest[(open + 1)..]);
        }
        else
        {
            // "a/x y b/x y": the split point is the space where the two halves (minus prefixes) agree.
            var split = PathSplit(rest);
            if (split < 0) split = rest.IndexOf(' ');
            if (split < 0) return false;
            first = rest[..split];
            second = rest[(split + 1)..];
        }

        prefixed = HasSingleLetterPrefix(first) && HasSingleLetterPrefix(second) && first[0] != second[0]
                   || (first.StartsWith("a/") && second.StartsWith("b/"));
        oldPath = (prefixed ? first[2..] : first).ToString();
        // Most diffs change a file in place: one string serves as both paths.
        var secondPath = prefixed ? second[2..] : second;
        newPath = secondPath.SequenceEqual(oldPath) ? oldPath : secondPath.ToString();
        return true;
    }

    /// <summary>
    /// The first space of <paramref name="text"/> whose two sides name the same path once each loses one prefix (up to its
    /// first '/', when that is not its first character), or are equal; -1 when there is none. Linear: only the spaces where
    /// both sides are as long are compared, and the first '/' after each space is found by one forward scan.
    /// </summary>
    private static int PathSplit(ReadOnlySpan<char> text)
    {
        var firstSlash = text.IndexOf('/');
        var slashAfter = -1; // the first '/' after the current space; int.MaxValue when there is none
        for (var i = text.IndexOf(' '); i > 0; i = text[(i + 1)..].IndexOf(' ') is var next and >= 0 ? i + 1 + next : -1)
        {
            if (slashAfter <= i)
            {
                var found = text[(i + 1)..].IndexOf('/');
                slashAfter = found < 0 ? int.MaxValue : i + 1 + found;
            }

            var left = text[..i];
            var right = text[(i + 1)..];
            var leftPath = firstSlash > 0 && firstSlash < i ? left[(firstSlash + 1)..] : left;
            var rightPath = slashAfter != int.MaxValue && slashAfter > i + 1 ? text[(slashAfter + 1)..] : right;
            // SequenceEqual compares lengths first, so only a few spaces cost a comparison.
            if (leftPath.SequenceEqual(rightPath) || left.SequenceEqual(right)) return i;
        }

        return -1;
    }

    // git's default a/ b/ and diff.mnemonicPrefix's c/ w/ i/ o/.
    private static bool HasSingleLetterPrefix(ReadOnlySpan<char> path) => path.Length > 2 && path[1] == '/' && path[0] is 'a' or 'b' or 'c' or 'w' or 'i' or 'o';

    // One builder per thread, reused for every hunk, so each hunk allocates exactly one array of its own size (a
    // builder sized from the header's counts over-allocated by the context lines, which both counts include, and was
    // then copied).
    [ThreadStatic] private static ImmutableArray<DiffLine>.Builder? t_hunkLines;

    private void ReadHunk()
    {
        var headerLine = _lines[_index];
        var header = headerLine.Text.Span;
        if (!HunkHeader.TryParse(header, out var oldStart, out var oldCount, out var newStart, out var newCount, out var heading))
        {
            _problems.Add(new DiffProblem(DiffProblemKind.MalformedHunkHeader, headerLine.Line, _file?.Path,
                $"malformed hunk header '{Truncate(header)}': expected '@@ -start[,count] +start[,count] @@'"));
            _index++;
            return;
        }

        if (_file is null)
        {
            _problems.Add(new DiffProblem(DiffProblemKind.HunkWithoutFile, headerLine.Line, null,
                "hunk without a file header: expected 'diff --git' or '---'/'+++' lines before '@@'"));
            _file = new FileBuilder(headerLine.Line) { IsGit = false };
        }

        _index++;
        var lines = ThreadScratch.Builder(ref t_hunkLines, 256, 1 << 14);
        int oldLeft = oldCount, newLeft = newCount;
        int oldLine = oldStart, newLine = newStart;
        var complete = true;
        var overLimit = false;
        while (oldLeft > 0 || newLeft > 0)
        {
            if (!overLimit && (lines.Count >= _maxHunkLines || lines.Count >= _patchLinesLeft) && _index < _lineCount)
            {
                // Past a limit the hunk's lines are still read, by its counts, so the diff after it parses, but not kept.
                overLimit = true;
                if (lines.Count >= _maxHunkLines)
                {
                    _problems.Add(new DiffProblem(DiffProblemKind.HunkOverLimit, _lines[_index].Line, _file.Path,
                        $"input limit hunk-lines: hunk '{Truncate(header)}' (line {headerLine.Line}) has more than {InputLimits.Show(_maxHunkLines)} lines; "
                        + $"the lines from here to its end are not checked ({InputLimits.HowToRaise("hunk-lines")})"));
                }
                else if (!_reportedPatchLimit)
                {
                    _reportedPatchLimit = true;
                    _problems.Add(new DiffProblem(DiffProblemKind.HunkOverLimit, _lines[_index].Line, _file.Path,
                        $"input limit patch-lines: the patch has more than {InputLimits.Show(_maxPatchLines)} diff lines; "
                        + $"the lines from here to its end are not checked ({InputLimits.HowToRaise("patch-lines")})"));
                }
            }

            if (_index >= _lineCount)
            {
                complete = false;
                var last = _lineCount > 0 ? _lines[_lineCount - 1].Line : headerLine.Line;
                _problems.Add(new DiffProblem(DiffProblemKind.DiffCutShort, last, _file.Path,
                    $"diff cut short: the input ends inside hunk '{Truncate(header)}' (line {headerLine.Line}), {Expected(oldLeft, newLeft)}"));
                break;
            }

            var current = _lines[_index];
            var text = current.Text;
            var span = text.Span;
            if (span.Length == 0)
            {
                // An empty context line whose leading space was lost (git apply accepts it too).
                if (oldLeft == 0 || newLeft == 0) { complete = false; ReportShortHunk(current, header, headerLine.Line, oldLeft, newLeft); break; }
                if (!overLimit) lines.Add(new DiffLine(DiffLineKind.Context, text, oldLine++, newLine++, current.Line));
                oldLeft--;
                newLeft--;
            }
            else if (span[0] == ' ')
            {
                if (oldLeft == 0 || newLeft == 0) { complete = false; ReportShortHunk(current, header, headerLine.Line, oldLeft, newLeft); break; }
                if (!overLimit) lines.Add(new DiffLine(DiffLineKind.Context, text[1..], oldLine++, newLine++, current.Line));
                oldLeft--;
                newLeft--;
            }
            else if (span[0] == '+')
            {
                if (newLeft == 0) { complete = false; ReportShortHunk(current, header, headerLine.Line, oldLeft, newLeft); break; }
                if (!overLimit) lines.Add(new DiffLine(DiffLineKind.Added, text[1..], 0, newLine++, current.Line));
                newLeft--;
            }
            else if (span[0] == '-')
            {
                if (oldLeft == 0) { complete = false; ReportShortHunk(current, header, headerLine.Line, oldLeft, newLeft); break; }
                if (!overLimit) lines.Add(new DiffLine(DiffLineKind.Removed, text[1..], oldLine++, 0, current.Line));
                oldLeft--;
            }
            else if (span[0] == '\\')
            {
                if (!overLimit) MarkNoNewline(lines);
            }
            else
            {
                complete = false;
                ReportShortHunk(current, header, headerLine.Line, oldLeft, newLeft);
                break;
            }

            _index++;
        }

        // "\ No newline at end of file" follows the last line it applies to, after the counts are met.
        while (complete && _index < _lineCount && _lines[_index].Text.Span.StartsWith("\\"))
        {
            if (!overLimit) MarkNoNewline(lines);
            _index++;
        }

        // A hunk already reported as damaged needs no second report for the line that broke it.
        _hunkEndIndex = complete ? _index : -1;
        // A hunk wholly past the patch limit is not kept at all.
        if (overLimit && lines.Count == 0) return;
        _patchLinesLeft -= lines.Count;
        // A hunk cut at the limit is not whole: rules that need all of it (a post-image) leave it alone.
        _file.AddHunk(new Hunk(oldStart, oldCount, newStart, newCount, heading, headerLine.Line, lines.ToImmutable(), complete && !overLimit));
    }

    private static void MarkNoNewline(ImmutableArray<DiffLine>.Builder lines)
    {
        if (lines.Count > 0) lines[^1] = lines[^1] with { NoNewlineAtEnd = true };
    }

    private void ReportShortHunk(BodyLine at, ReadOnlySpan<char> header, int headerInputLine, int oldLeft, int newLeft)
    {
        var span = at.Text.Span;
        var isHeader = span.StartsWith("diff ") || span.StartsWith("@@ ") || span.StartsWith("--- ") || span.StartsWith("Index: ") || span.SequenceEqual("-- ");
        var isDiffLine = span.Length == 0 || span[0] is ' ' or '+' or '-';
        DiffProblem problem;
        if (isHeader)
        {
            problem = new DiffProblem(DiffProblemKind.HunkShorterThanHeader, at.Line, _file?.Path,
                $"corrupt hunk: '{Truncate(header)}' (line {headerInputLine}) ends early; {Expected(oldLeft, newLeft)}");
        }
        else if (isDiffLine)
        {
            var side = oldLeft == 0 ? "old" : "new";
            problem = new DiffProblem(DiffProblemKind.HunkLongerThanHeader, at.Line, _file?.Path,
                $"corrupt hunk: '{Truncate(header)}' (line {headerInputLine}) counts fewer {side} lines than the hunk has; '{Truncate(span)}' does not fit (hand-edited patch or mail damage)");
        }
        else
        {
            problem = new DiffProblem(DiffProblemKind.GarbageInHunk, at.Line, _file?.Path,
                $"corrupt hunk: '{Truncate(span)}' is not a context (' '), added ('+') or removed ('-') line; {Expected(oldLeft, newLeft)}");
        }

        _problems.Add(problem);
    }

    private static string Expected(int oldLeft, int newLeft) =>
        $"the hunk header still expected {oldLeft} old and {newLeft} new line{(newLeft == 1 ? "" : "s")} (a line wrapped or whitespace damaged by the mail client, or a hand-edited patch)";

    private static string Truncate(ReadOnlySpan<char> text)
    {
        const int max = 60;
        var shown = text.Length > max ? text[..max].ToString() + "…" : text.ToString();
        return shown.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\0", "\\0", StringComparison.Ordinal);
    }

    private void FinishFile()
    {
        if (_file is not null) _files.Add(_file.Build());
        _file = null;
        _reportedTrailingDiffLines = false;
    }

    private sealed class FileBuilder(int headerLine)
    {
        private ImmutableArray<Hunk>.Builder? _hunks;
        public bool IsGit { get; init; }
        public bool GitPrefixed { get; set; }
        public bool SawFileNames { get; set; }
        public string? OldPath { get; set; }
        public string? NewPath { get; set; }
        public string Path => NewPath ?? OldPath ?? "";
        public FileChangeKind Change { get; set; }
        public string? OldMode { get; set; }
        public string? NewMode { get; set; }
        public int? Similarity { get; set; }
        public bool IsBinary { get; set; }
        public int ExtendedHeaderLine { get; set; }
        public string? OldBlob { get; set; }
        public string? NewBlob { get; set; }
        public int HunkCount => _hunks?.Count ?? 0;

        public void AddHunk(Hunk hunk) => (_hunks ??= ImmutableArray.CreateBuilder<Hunk>()).Add(hunk);

        public FileDiff Build()
        {
            var oldPath = Change == FileChangeKind.Added ? null : OldPath;
            var newPath = Change == FileChangeKind.Deleted ? null : NewPath;
            return new FileDiff(oldPath, newPath, Change, OldMode, NewMode, Similarity, IsBinary, headerLine,
                _hunks?.ToImmutable() ?? [], ExtendedHeaderLine, OldBlob, NewBlob);
        }
    }
}
