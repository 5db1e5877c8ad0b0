using DiffLint.Core.CSyntax;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using DiffLint.Core.Analysis;
using DiffLint.Rules.Whitespace;

namespace DiffLint.Rules.Layout;

/// <summary>
/// QEMU's checks of added lines that depend on the kind of file: a <c>python</c> shebang, SPDX tags other than
/// SPDX-License-Identifier, CVS keywords in sources, blank lines of documentation code blocks, and the format
/// strings of trace-events files.
/// </summary>
[DiffLintRule]
public sealed partial class QemuFileContentRule : PatchRule
{
    public static readonly RuleDescriptor SpdxTagNotPermitted = Create("DL4039", "spdx-tag-not-permitted", "SPDX tag other than SPDX-License-Identifier",
        "Tag {0} not permitted in QEMU code, valid choices are: SPDX-License-Identifier", "Q_SPDX_TAG_NOT_PERMITTED", """
            ## What it does
            Reports an `SPDX-<Name>:` tag on an added line other than `SPDX-License-Identifier:`, such as
            `SPDX-FileCopyrightText:` or `SPDX-FileContributor:`. Files imported from Linux (`linux-headers/`,
            `include/standard-headers/`) are not checked.

            ## Why it matters
            QEMU records copyright in the file header text and authorship in git; it takes only the license
            identifier from SPDX, so other tags are dropped on review.

            ## Example
            ```diff
            +/* SPDX-FileCopyrightText: 2024 Example Corp. */
            ```

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor Python3Shebang = Create("DL4041", "python3-shebang", "Script run by python instead of python3",
        "please use python3 interpreter", "Q_PYTHON3_SHEBANG", """
            ## What it does
            Reports a first line `#!/usr/bin/python` or `#!/usr/bin/env python` (plain `python`, not `python3`).

            ## Why it matters
            Many distributions ship no `python` command, or one that is Python 2; QEMU's scripts need Python 3.

            ## Example
            ```diff
            +#!/usr/bin/env python
            ```

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor CvsKeyword = Create("DL4054", "cvs-keyword", "CVS keyword marker",
        "CVS style keyword markers, these will _not_ be updated", "Q_CVS_KEYWORD", """
            ## What it does
            Reports `$Id`, `$Revision` or `$Log` on an added line of a source file (C, C++, assembly, Perl, Python,
            shell).

            ## Why it matters
            git does not expand these keywords, so the marker stays as written forever and misleads readers.

            ## Example
            ```diff
            +/* $Id: serial.c,v 1.4 2004/01/12 $ */
            ```

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor TraceHashFlag = Create("DL4055", "trace-hash-flag", "'#' printf flag in trace-events",
        "Don't use '#' flag of printf format ('%#') in trace-events, use '0x' prefix instead", "Q_TRACE_HASH_FLAG", """
            ## What it does
            Reports a conversion with the `#` flag (`%#x`, `%#08x`) on an added line of a `trace-events` file.

            ## Why it matters
            The trace backends do not all support the flag (the simple and ftrace backends format on their own),
            and `%#x` prints `0` rather than `0x0` for zero; QEMU writes `0x%x`.

            ## Example
            ```diff
            +pci_foo_write(uint64_t addr, uint32_t val) "addr %#"PRIx64" val %#x"
            ```

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor TraceHexPrefix = Create("DL4056", "trace-hex-prefix", "Hex conversion without 0x in trace-events",
        "Hex numbers must be prefixed with '0x'", "Q_TRACE_HEX_PREFIX", """
            ## What it does
            Reports a hexadecimal conversion (`%x`, `%08x`, `%"PRIx64"`) not preceded by a literal `0x` on an added
            line of a `trace-events` file. Groups of conversions joined by `.`, `:`, `/` or a blank (a MAC address,
            `%x:%x`) are accepted.

            ## Why it matters
            Trace output mixes decimal and hexadecimal values; without the prefix `10` could be either.

            ## Example
            ```diff
            +pci_foo_write(uint64_t addr, uint32_t val) "addr %"PRIx64" val %x"
            ```

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor DocCodeBlockBlank = Create("DL4057", "doc-codeblock-blank", "Blank line in a documentation code block",
        "code blocks in documentation should have empty lines with exactly 4 columns of whitespace", "Q_DOC_CODEBLOCK_BLANK", """
            ## What it does
            Reports an added line of a `docs/**.txt` or `docs/**.md` file that holds only whitespace other than
            exactly four spaces.

            ## Why it matters
            Inside an indented code block, a blank line with fewer or other columns ends the block in some Markdown
            and reStructuredText readers; four spaces keep it inside. (QEMU's trailing-whitespace check skips these
            files for that reason.)

            ## Example
            A code-block line in `docs/devel/foo.txt` holding two spaces.

            ## Configuration
            QEMU profile only.
            """);

    private static RuleDescriptor Create(string id, string name, string title, string message, string qemuType, string documentation) =>
        new(id, name, title, message, "Style", Severity.Error, documentation, qemuCheckpatchType: qemuType, profiles: ["qemu"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics =>
        [SpdxTagNotPermitted, Python3Shebang, CvsKeyword, TraceHashFlag, TraceHexPrefix, DocCodeBlockBlank];

    public override void Initialize(RuleRegistration registration) => registration.RegisterAddedLineAction(Analyze);

    private void Analyze(AddedLineContext context)
    {
        var path = context.File.Path;
        if (IsImportedFromLinux(path)) return;
        var text = context.Text;
        if (context.Line.NewLine == 1 && IsPython2Shebang(text)) context.Report(Python3Shebang, 0, text.Length, null);
        if (text.Contains("SPDX-", StringComparison.Ordinal)) CheckSpdxTags(context, text);
        if (text.Contains('$') && IsCvsScanned(path)) CheckCvsKeyword(context, text);
        if (path.EndsWith("trace-events", StringComparison.Ordinal) && text.Contains('%')) CheckTraceFormat(context, text);
        if (IsDocumentation(path) && text.Length > 0 && text.IsWhiteSpace() && !text.Contains('\r') && !text.SequenceEqual("    "))
        {
            context.Report(DocCodeBlockBlank, 0, text.Length, null);
        }
    }

    private static bool IsImportedFromLinux(string path) =>
        path.StartsWith("linux-headers/", StringComparison.Ordinal) || path.StartsWith("include/standard-headers/", StringComparison.Ordinal);

    /// <summary><c>#!/usr/bin/python</c> or <c>#!/usr/bin/env python</c>, blanks allowed after <c>#!</c>.</summary>
    private static bool IsPython2Shebang(ReadOnlySpan<char> text)
    {
        if (!text.StartsWith("#!")) return false;
        var rest = text[2..].TrimStart(' ');
        return rest is "/usr/bin/python" or "/usr/bin/env python";
    }

    private static void CheckSpdxTags(AddedLineContext context, ReadOnlySpan<char> text)
    {
        for (var at = text.IndexOf("SPDX-", StringComparison.Ordinal); at >= 0;)
        {
            var end = at + "SPDX-".Length;
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '-' or '_')) end++;
            if (end < text.Length && text[end] == ':' && end > at + "SPDX-".Length)
            {
                var tag = text[at..end];
                if (!tag.SequenceEqual("SPDX-License-Identifier")) context.Report(SpdxTagNotPermitted, at, end, null, tag.ToString());
            }

            var next = text[end..].IndexOf("SPDX-", StringComparison.Ordinal);
            at = next < 0 ? -1 : end + next;
        }
    }

    /// <summary>The files QEMU checks for CVS keywords: its source files.</summary>
    private static bool IsCvsScanned(string path) =>
        SourceFiles.EndsWithAny(path, [".c", ".h", ".inc", ".cpp", ".s", ".S", ".pl", ".py", ".sh"]);

    private static void CheckCvsKeyword(AddedLineContext context, ReadOnlySpan<char> text)
    {
        for (var i = text.IndexOf('$'); i >= 0 && i < text.Length; i++)
        {
            if (text[i] != '$') continue;
            var rest = text[(i + 1)..];
            foreach (var keyword in (ReadOnlySpan<string>)["Revision", "Log", "Id"])
            {
                if (!rest.StartsWith(keyword, StringComparison.Ordinal)) continue;
                var after = rest[keyword.Length..];
                if (after.IsEmpty || after[0] == '$' || !(char.IsAsciiLetterOrDigit(after[0]) || after[0] == '_'))
                {
                    context.Report(CvsKeyword, i, i + 1 + keyword.Length, null);
                    return;
                }
            }
        }
    }

    private const string HexConversion = "%[-+ *.0-9]*(?:[hljztL]|ll|hh)?(?:x|X|\"\\s*PRI[xX][^\"]*\"?)";

    // Source-generated: nothing to parse or build when the rule's descriptors are read at start.
    [GeneratedRegex("%[-+ 0]*#", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex HashFlag { get; }

    // Groups of hex conversions joined by . : / or a blank (a MAC address, "%x:%x") are not numbers on their own.
    [GeneratedRegex($"(?:{HexConversion}[.:/ ])+{HexConversion}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex HexGroup { get; }

    [GeneratedRegex($"(?<!0x){HexConversion}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex UnprefixedHex { get; }

    private static void CheckTraceFormat(AddedLineContext context, ReadOnlySpan<char> text)
    {
        var line = text.ToString();
        try
        {
            if (HashFlag.Match(line) is { Success: true } hash)
            {
                context.Report(TraceHashFlag, hash.Index, hash.Index + hash.Length, null);
                return;
            }

            var ungrouped = HexGroup.Replace(line, "");
            if (UnprefixedHex.IsMatch(ungrouped)) context.Report(TraceHexPrefix, 0, text.Length, null);
        }
        catch (RegexMatchTimeoutException)
        {
            // A line built to make the patterns backtrack is not a trace-events format worth judging.
        }
    }

    private static bool IsDocumentation(string path) =>
        path.StartsWith("docs/", StringComparison.Ordinal) && (path.IndexOf(".txt", 5, StringComparison.Ordinal) >= 0
            || path.IndexOf(".md", 5, StringComparison.Ordinal) >= 0);
}
