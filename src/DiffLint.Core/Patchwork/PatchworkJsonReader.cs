namespace DiffLint.Core.Patchwork;

/// <summary>
/// Reads Patchwork REST API patch JSON -- raw, or as copied from the browsable API page with its
/// "get: / Show a patch. / ... / HTTP 200 OK / headers" preamble -- into reconstructed mails.
/// </summary>
public static class PatchworkJsonReader
{
    // Big enough to get past the headers object of a real patch, small enough to stay cheap on every input.
    private const int PeekBytes = 64 * 1024;

    // The DRF preamble is about ten lines; a limit keeps a long non-JSON text from being scanned to the end.
    private const int MaxPreambleLines = 200;

    /// <summary>
    /// True when the bytes look like Patchwork JSON: after an optional BOM and whitespace either the JSON starts
    /// right away, or browsable-API preamble lines (none of them a mail or diff line) lead to a line whose first
    /// non-blank byte is '{' or '['; and the JSON names patch properties ("diff", "content" or "headers", or "msgid" with
    /// "state"/"hash") within the first 64 KB. Only a prefix of the file is needed.
    /// </summary>
    public static bool LooksLikePatchwork(ReadOnlySpan<byte> start)
    {
        ReadOnlySpan<byte> peek = start.Length > PeekBytes ? start[..PeekBytes] : start;
        int pos = HasBom(peek) ? 3 : 0;
        while (pos < peek.Length && PwJsonParser.IsJsonSpace(peek[pos]))
        {
            pos++;
        }

        if (pos >= peek.Length)
        {
            return false;
        }

        int json;
        if (peek[pos] is (byte)'{' or (byte)'[')
        {
            json = pos;
        }
        else
        {
            json = FindJsonAfterPreamble(peek, pos, rejectBinary: true, out _);
            if (json < 0)
            {
                return false;
            }

            while (PwJsonParser.IsJsonSpace(peek[json]))
            {
                json++;
            }
        }

        ReadOnlySpan<byte> rest = peek[json..];
        bool patchKeys = rest.IndexOf("\"diff\""u8) >= 0 || rest.IndexOf("\"content\""u8) >= 0
            || rest.IndexOf("\"headers\""u8) >= 0;

        // The fields before "headers" already say "patch" (msgid plus state/hash), which lets a caller peek
        // only a couple of KB, and a list-view object gets Read's clear "no diff" result instead of a diff parser's.
        bool patchFields = rest.IndexOf("\"msgid\""u8) >= 0
            && (rest.IndexOf("\"state\""u8) >= 0 || rest.IndexOf("\"hash\""u8) >= 0);
        if (rest[0] == (byte)'{')
        {
            return patchKeys || patchFields;
        }

        // A list page (/api/patches/?series=N) has no diff/content/headers, but every element has a msgid.
        int first = 1;
        while (first < rest.Length && PwJsonParser.IsJsonSpace(rest[first]))
        {
            first++;
        }

        return first < rest.Length && rest[first] == (byte)'{' && (patchKeys || rest.IndexOf("\"msgid\""u8) >= 0);
    }

    /// <inheritdoc cref="Read(ReadOnlySpan{byte}, out int)"/>
    public static IReadOnlyList<PatchworkMail> Read(ReadOnlySpan<byte> file) => Read(file, out _);

    /// <summary>
    /// Reads one patch object, or an array of them, optionally preceded by the browsable-API preamble.
    /// Patch objects with neither a diff nor a commit message (list-page entries) yield no mail and are
    /// counted in <paramref name="skipped"/>. Throws <see cref="PatchworkFormatException"/> with the position
    /// in the original file for malformed JSON and for anything that is not a patch object.
    /// </summary>
    public static IReadOnlyList<PatchworkMail> Read(ReadOnlySpan<byte> file, out int skipped) => Read(file, null, out skipped);

    /// <summary>
    /// <see cref="Read(ReadOnlySpan{byte}, out int)"/>, with each mail's <see cref="PatchworkMail.Lines"/>: where its
    /// lines are in <paramref name="file"/>, which the maps keep.
    /// </summary>
    public static IReadOnlyList<PatchworkMail> ReadWithLineMaps(byte[] file) => Read(file, new JsonText(file), out _);

    private static IReadOnlyList<PatchworkMail> Read(ReadOnlySpan<byte> file, JsonText? text, out int skipped)
    {
        skipped = 0;
        try
        {
            int start = LocateJson(file);
            PwNode root = PwJsonParser.Parse(file, start);
            var mails = new List<PatchworkMail>();
            switch (root.Kind)
            {
                case PwKind.Object:
                    if (!PatchworkMailBuilder.IsPatch(root))
                    {
                        throw new PwError(root.Offset, "expected a Patchwork patch object (with \"diff\", or \"msgid\" and \"state\"/\"hash\"), found " + PatchworkMailBuilder.DescribeNonPatch(root));
                    }

                    AddOrSkip(root, text, mails, ref skipped);
                    break;
                case PwKind.Array:
                    foreach (PwNode item in root.Items!)
                    {
                        if (item.Kind != PwKind.Object)
                        {
                            throw new PwError(item.Offset, $"expected each array element to be a patch object, found {item.KindName}");
                        }

                        if (!PatchworkMailBuilder.IsPatch(item))
                        {
                            throw new PwError(item.Offset, "expected each array element to be a Patchwork patch object, found " + PatchworkMailBuilder.DescribeNonPatch(item));
                        }

                        AddOrSkip(item, text, mails, ref skipped);
                    }

                    break;
                default:
                    throw new PwError(root.Offset, $"expected a patch object or an array of patch objects, found {root.KindName}");
            }

            return mails;
        }
        catch (PwError e)
        {
            var (line, column) = PwJsonParser.Locate(file, e.Offset);
            throw new PatchworkFormatException(e.Message, line, column);
        }
    }

    private static void AddOrSkip(PwNode obj, JsonText? text, List<PatchworkMail> mails, ref int skipped)
    {
        if (PatchworkMailBuilder.Build(obj) is { } mail)
        {
            mails.Add(text is null ? mail : mail with { Lines = PatchworkLineMap.Create(text, obj, mail.Mail) });
        }
        else
        {
            skipped++;
        }
    }

    internal static bool HasBom(ReadOnlySpan<byte> data) =>
        data.Length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF;

    /// <summary>Offset of the start of the line where the JSON begins (its indentation is valid JSON whitespace).</summary>
    private static int LocateJson(ReadOnlySpan<byte> file)
    {
        int pos = HasBom(file) ? 3 : 0;
        int content = pos;
        while (content < file.Length && PwJsonParser.IsJsonSpace(file[content]))
        {
            content++;
        }

        if (content >= file.Length)
        {
            throw new PwError(file.Length, "expected Patchwork JSON ('{' or '['), found empty input");
        }

        int json = FindJsonAfterPreamble(file, pos, rejectBinary: false, out int badLine);
        if (json >= 0)
        {
            return json;
        }

        if (badLine >= 0)
        {
            throw new PwError(badLine, "expected Patchwork JSON ('{' or '['), found a mail or diff line (is this an mbox or patch file?)");
        }

        throw new PwError(content, "expected a line starting with '{' or '[' (the JSON after the browsable-API preamble), found none");
    }

    /// <summary>
    /// Skips preamble lines up to the first whose first non-blank byte is '{' or '[' and returns where that
    /// line starts, or -1. Mail and diff lines end the search, because a diff's context line "  {" must not be
    /// taken for JSON; <paramref name="badLine"/> then tells where one was seen.
    /// </summary>
    private static int FindJsonAfterPreamble(ReadOnlySpan<byte> data, int pos, bool rejectBinary, out int badLine)
    {
        badLine = -1;
        for (int lines = 0; pos < data.Length && lines < MaxPreambleLines; lines++)
        {
            int nl = data[pos..].IndexOf((byte)'\n');
            int end = nl < 0 ? data.Length : pos + nl;
            ReadOnlySpan<byte> line = data[pos..end];
            int first = 0;
            while (first < line.Length && line[first] is (byte)' ' or (byte)'\t' or (byte)'\r')
            {
                first++;
            }

            if (first < line.Length && line[first] is (byte)'{' or (byte)'[')
            {
                return pos;
            }

            if (IsMailOrDiffLine(line))
            {
                badLine = pos;
                return -1;
            }

            // Control bytes never occur in the DRF page text; bailing out early keeps binary input cheap.
            if (rejectBinary && line.IndexOfAnyInRange((byte)0, (byte)8) >= 0)
            {
                return -1;
            }

            pos = end + 1;
        }

        return -1;
    }

    private static bool IsMailOrDiffLine(ReadOnlySpan<byte> line) =>
        line.StartsWith("From "u8) || line.StartsWith("From:"u8) || line.StartsWith("Subject:"u8)
        || line.StartsWith("diff "u8) || line.StartsWith("Index: "u8) || line.StartsWith("--- "u8)
        || line.StartsWith("+++ "u8) || line.StartsWith("@@ "u8) || line.TrimEnd("\r"u8).SequenceEqual("---"u8);
}
