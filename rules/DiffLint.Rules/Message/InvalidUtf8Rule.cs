using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Mime;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Message;

/// <summary>
/// Reports commit-message and added lines that are not valid UTF-8 as sent: bytes of a legacy charset, bytes that
/// are not UTF-8 at all, or ASCII control characters. One check, two levels: QEMU's checkpatch makes it an ERROR,
/// the kernel's (and so U-Boot's and git's use of it) a CHECK shown with <c>--strict</c>.
/// </summary>
[DiffLintRule]
public sealed class InvalidUtf8Rule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL4027",
        name: "invalid-utf8",
        title: "Line not encoded in UTF-8",
        messageFormat: "Invalid UTF-8, patch and commit message should be encoded in UTF-8",
        category: "Message",
        defaultSeverity: Severity.Error,
        qemuCheckpatchType: "Q_INVALID_UTF8",
        profiles: ["qemu"],
        documentation: """
            ## What it does
            Reports, at its first offending character, a line of the commit message (trailers and the notes after
            `---` included) or an added line whose bytes, as the mail carries them, are not UTF-8 text:
            - the mail is sent 8-bit in a legacy charset (`charset=iso-8859-1`) and the line has a non-ASCII
              character (`René` is the byte `0xE9` there, which is not UTF-8);
            - the mail claims UTF-8 but the line is not (DiffLint reads it as windows-1252, see DL0002);
            - the line holds an ASCII control character other than tab and carriage return (form feed, escape,
              DEL, NUL).

            In a legacy-charset mail sent quoted-printable or base64 only the added lines are judged, by what they
            decode to: `git am` re-encodes the commit message into UTF-8 but applies the diff as it decodes, so
            `=E9` on an added line still lands in the tree as a latin-1 byte. (checkpatch reads such mail
            undecoded and reports nothing.)

            ## Why it matters
            git stores commit messages and source files as UTF-8; `git am` re-encodes the message but not the
            diff, so a latin-1 added line lands in the tree as invalid UTF-8, and control characters in code break
            editors, terminals and the list archive.

            ## Example
            A mail with `Content-Type: text/plain; charset=iso-8859-1` and
            ```
            Signed-off-by: René Rebe <rene@exactco.de>
            ```

            ## Configuration
            QEMU profile only; DL4061 is the same check at the kernel checkpatch's CHECK level.
            """);

    public static readonly RuleDescriptor StrictDescriptor = new(
        id: "DL4061",
        name: "invalid-utf8-strict",
        title: "Line not encoded in UTF-8 (strict)",
        messageFormat: "Invalid UTF-8, patch and commit message should be encoded in UTF-8",
        category: "Message",
        defaultSeverity: Severity.Note,
        checkpatchType: "INVALID_UTF8",
        profiles: ["kernel", "git", "uboot"],
        isStrict: true,
        documentation: """
            ## What it does
            DL4027's check for the projects that use the kernel's checkpatch: a line of the commit message (trailers
            and the notes after `---` included) or an added line whose bytes, as the mail carries them, are not UTF-8
            text (a non-ASCII character of an 8-bit mail in a legacy charset, bytes that do not decode, or an ASCII
            control character other than tab and carriage return), reported at its first offending character.

            A CHECK-level rule: it runs under `--strict` and in files under `drivers/net/`, `net/` and
            `drivers/staging/`, where the kernel's checkpatch reports `INVALID_UTF8` as a CHECK.

            ## Why it matters
            git stores commit messages and source files as UTF-8; `git am` re-encodes the message but not the diff,
            so a latin-1 added line lands in the tree as invalid UTF-8.

            ## Example
            A mail with `Content-Type: text/plain; charset=iso-8859-1`, `Content-Transfer-Encoding: 8bit` and
            ```
            + *	(c) Copyright 2025  René Rebe <rene@exactco.de>
            ```

            ## Configuration
            Kernel, git and U-Boot profiles, with `--strict`; DL4027 is the QEMU profile's ERROR.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor, StrictDescriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private const int Utf8CodePage = 65001;

    private void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        var legacy = InLegacyCharset(context.GetValue(MailContentType.OfPatch));
        // git am re-encodes the message into UTF-8; checkpatch sees its legacy bytes only when they travel as 8-bit text.
        var legacyMessage = legacy && !TransferEncoded(patch);
        HashSet<int>? undecodable = null;
        foreach (var problem in patch.MailProblems)
        {
            if (problem.Kind == MailProblemKind.InvalidUtf8) (undecodable ??= []).Add(problem.Line);
        }

        var message = patch.CommitMessage;
        for (var i = 0; i < message.Length; i++)
        {
            var at = FirstInvalid(message[i].Span, legacyMessage, undecodable, message[i].InputLine);
            if (at >= 0) Report(context, Locations.InMessage(message[i], i, at, at + 1));
        }

        foreach (var note in patch.Notes)
        {
            var at = FirstInvalid(note.Span, legacyMessage, undecodable, note.InputLine);
            if (at >= 0) Report(context, Locations.AtInputLine(note.InputLine));
        }

        foreach (var file in patch.Files)
        {
            foreach (var hunk in file.Hunks)
            {
                foreach (var line in hunk.Lines)
                {
                    if (line.Kind != DiffLineKind.Added) continue;
                    var at = FirstInvalid(line.Span, legacy, undecodable, line.InputLine);
                    if (at >= 0) Report(context, Locations.InFile(file, line, at, at + 1));
                }
            }
        }
    }

    /// <summary>Both levels: the engine keeps the one the patch's profile and <c>--strict</c> turn on.</summary>
    private static void Report(PatchAnalysisContext context, DiagnosticLocation location)
    {
        context.Report(Descriptor, location);
        context.Report(StrictDescriptor, location);
    }

    /// <summary>
    /// True when the body is declared in a charset other than UTF-8: then every non-ASCII character of it stands
    /// for a byte that is not UTF-8.
    /// </summary>
    private static bool InLegacyCharset(ContentType type)
    {
        if (type.IsMultipart || type.Charset is not { } charset) return false;
        return Charsets.Resolve(charset) is { } encoding && encoding.CodePage != Utf8CodePage;
    }

    /// <summary>True when the body travelled quoted-printable or base64 (ASCII on the wire).</summary>
    private static bool TransferEncoded(Patch patch) =>
        patch.Headers["Content-Transfer-Encoding"]?.Trim() is { } encoding
        && (encoding.Equals("quoted-printable", StringComparison.OrdinalIgnoreCase) || encoding.Equals("base64", StringComparison.OrdinalIgnoreCase));

    // Not IndexOfAnyExceptInRange(' ', '~'): the precompiled (ReadyToRun) generic boxed both bounds at every call, 48 bytes
    // per line, ~2.3 MB of the 16 MB archive's 139 MB of allocation.
    private static readonly System.Buffers.SearchValues<char> PrintableAscii = System.Buffers.SearchValues.Create(" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>Index of the first character that makes the line invalid UTF-8 as sent, or -1.</summary>
    private static int FirstInvalid(ReadOnlySpan<char> text, bool legacy, HashSet<int>? undecodable, int inputLine)
    {
        // Most lines are printable ASCII: find the first character that is not, vectorized.
        var from = text.IndexOfAnyExcept(PrintableAscii);
        if (from < 0) return -1;
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (c < ' ' && c is not ('\t' or '\r') || c == '\x7f') return i;
            if (c > '\x7f' && (legacy || undecodable is not null && undecodable.Contains(inputLine))) return i;
        }

        return -1;
    }
}
