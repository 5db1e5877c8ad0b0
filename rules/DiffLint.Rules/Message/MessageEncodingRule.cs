using System.Collections.Immutable;
using System.Text;
using DiffLint.Core.Analysis;
using DiffLint.Core.Mime;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Message;

/// <summary>
/// Reports text of the commit message whose encoding went wrong on the way: UTF-8 decoded as Latin-1 and encoded
/// again (mojibake), and non-ASCII text in a mail that declares a charset that cannot carry it. Bytes that are not
/// valid in the declared charset are DL0002's.
/// </summary>
[DiffLintRule]
public sealed class MessageEncodingRule : PatchRule
{
    public static readonly RuleDescriptor Mojibake = new(
        id: "DL1038",
        name: "mojibake",
        title: "Doubly-encoded UTF-8 (mojibake)",
        messageFormat: "'{0}' is UTF-8 that was decoded as Latin-1 and encoded again; it should read '{1}'",
        category: "Message",
        defaultSeverity: Severity.Error,
        qemuCheckpatchType: "Q_DOUBLE_UTF8",
        documentation: """
            ## What it does
            Reports a subject, author or commit-message line containing UTF-8 that was read as Latin-1 (or
            windows-1252) and encoded to UTF-8 again: `Ã©` for `é`, `â€™` for `’`. The mail's declared charset is UTF-8
            or none.

            ## Why it matters
            The garbled name or text goes into the history as is. It usually comes from an editor or mail client set to
            the wrong encoding, or from a patch that went through a tool twice.

            ## Example
            ```
            Signed-off-by: RenÃ© Rebe <rene@example.org>
            ```

            ## Configuration
            """);

    public static readonly RuleDescriptor UndeclaredNonAscii = new(
        id: "DL1039",
        name: "undeclared-non-ascii",
        title: "Non-ASCII text in a mail declared as another charset",
        messageFormat: "Non-ASCII text ('{0}') in a mail declared as charset {1}: send it as UTF-8",
        category: "Message",
        defaultSeverity: Severity.Warning,
        checkpatchType: "UTF8_BEFORE_PATCH",
        qemuCheckpatchType: "Q_UTF8_IN_NON_UTF8_MAIL",
        documentation: """
            ## What it does
            Reports commit-message text that the mail's declared charset cannot carry: any non-ASCII character when the
            mail says `charset=us-ascii`, or UTF-8 byte sequences when it says an 8-bit charset such as ISO-8859-1 (they
            show up as `Ã©`-style pairs once decoded as declared).

            ## Why it matters
            `git am` converts the message from the declared charset to UTF-8, so a mislabelled message is garbled in the
            commit. Text that is really in the declared 8-bit charset is converted correctly and not reported.

            ## Example
            ```
            Content-Type: text/plain; charset=us-ascii

            Reported-by: Jérémie Dautheribes <jeremie@example.org>
            ```

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Mojibake, UndeclaredNonAscii];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        if (!patch.HasCommitMessage) return;
        var charset = context.GetValue(MailContentType.OfPatch).Charset;
        // An unknown charset is decoded as UTF-8 (and reported by DL0002), so it counts as UTF-8 here.
        var codePage = Charsets.Resolve(charset)?.CodePage;
        var declaredUtf8 = codePage is null or Utf8CodePage;
        var declaredAscii = codePage == AsciiCodePage;
        if (declaredUtf8)
        {
            // Mojibake starts with a character from U+00C2 on: an ASCII subject or author (nearly all) is passed by one
            // vectorised test, before its location is made and a switch runs per character.
            if (!Ascii.IsValid(patch.Subject.Raw)) CheckMojibake(context, patch.Subject.Raw, Locations.AtSubject(patch));
            if (patch.Author is { } author && !Ascii.IsValid(author))
            {
                var from = patch.InBodyHeaders.Find("From") ?? patch.Headers.Find("From");
                CheckMojibake(context, author, Locations.AtInputLine(from?.Line ?? patch.FirstInputLine));
            }
        }

        var lines = patch.CommitMessage;
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i].Span;
            if (Ascii.IsValid(text)) continue; // neither mojibake nor undeclared non-ASCII (most lines)
            var location = Locations.InMessage(lines[i], i, 0, text.Length);
            if (declaredUtf8)
            {
                CheckMojibake(context, text, location);
                continue;
            }

            var (start, length) = declaredAscii ? FirstNonAscii(text) : FindMojibake(text);
            if (length > 0) context.Report(UndeclaredNonAscii, location, text.Slice(start, length).ToString(), charset);
        }
    }

    private const int Utf8CodePage = 65001;
    private const int AsciiCodePage = 20127;

    private static void CheckMojibake(PatchAnalysisContext context, ReadOnlySpan<char> text, DiagnosticLocation location)
    {
        var (start, length) = FindMojibake(text);
        if (length == 0) return;
        var garbled = text.Slice(start, length);
        context.Report(Mojibake, location, garbled.ToString(), Repair(garbled));
    }

    private static (int Start, int Length) FirstNonAscii(ReadOnlySpan<char> text)
    {
        var at = text.IndexOfAnyExceptInRange('\0', '\x7f');
        if (at < 0) return (0, 0);
        return (at, char.IsHighSurrogate(text[at]) && at + 1 < text.Length ? 2 : 1);
    }

    /// <summary>
    /// The first run of characters that are the Latin-1/windows-1252 reading of a UTF-8 sequence: a lead byte
    /// (U+00C2..U+00F4) followed by as many continuation bytes as it announces.
    /// </summary>
    private static (int Start, int Length) FindMojibake(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var lead = text[i];
            var continuations = lead switch
            {
                >= '\u00C2' and <= '\u00DF' => 1,
                >= '\u00E0' and <= '\u00EF' => 2,
                >= '\u00F0' and <= '\u00F4' => 3,
                _ => 0,
            };
            if (continuations == 0 || i + continuations >= text.Length) continue;
            var k = 1;
            while (k <= continuations && ByteOf(text[i + k]) is >= 0x80 and <= 0xBF) k++;
            if (k > continuations) return (i, continuations + 1);
        }

        return (0, 0);
    }

    /// <summary>The byte a character stands for in windows-1252 (Latin-1 for the C1 range), or -1.</summary>
    private static int ByteOf(char c)
    {
        if (c <= '\u00FF') return c;
        var high = Cp1252High.IndexOf(c);
        return high < 0 ? -1 : 0x80 + high;
    }

    private const string Cp1252High =
        "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
        "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

    private static string Repair(ReadOnlySpan<char> garbled)
    {
        Span<byte> bytes = stackalloc byte[garbled.Length];
        for (var k = 0; k < garbled.Length; k++) bytes[k] = (byte)ByteOf(garbled[k]);
        return System.Text.Encoding.UTF8.GetString(bytes);
    }
}
