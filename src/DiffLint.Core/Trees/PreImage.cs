using System.Text;

namespace DiffLint.Core.Trees;

/// <summary>
/// A file as it was before the patch, split into lines the way a hunk counts them: <see cref="Lines"/>[n - 1] is
/// line n without its <c>\n</c>. Whether the last line had one is kept apart, because a hunk that touches that line
/// says so with <c>\ No newline at end of file</c> and must agree with the file, as <c>git apply</c> requires.
/// </summary>
public sealed class PreImage
{
    public PreImage(IReadOnlyList<string> lines, bool endsWithNewline)
    {
        Lines = lines;
        EndsWithNewline = endsWithNewline;
    }

    /// <summary>The pre-image of a file the patch adds: nothing.</summary>
    public static PreImage Empty { get; } = new([], endsWithNewline: true);

    public IReadOnlyList<string> Lines { get; }

    /// <summary>False when the last line has no <c>\n</c> (an empty file counts as ending with one).</summary>
    public bool EndsWithNewline { get; }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reads a file's bytes: UTF-8 when they are valid UTF-8, else Latin-1, which maps every byte to one character so a
    /// legacy-encoded file still has its lines (they match a patch only if the mail decoded them the same way). Only
    /// <c>\n</c> ends a line; a <c>\r</c> before it stays part of the line, as it does in a hunk.
    /// </summary>
    public static PreImage Decode(byte[] bytes)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.Latin1.GetString(bytes);
        }

        return FromText(text);
    }

    public static PreImage FromText(string text)
    {
        if (text.Length == 0) return Empty;
        var lines = new List<string>();
        var start = 0;
        for (var newline = text.IndexOf('\n'); newline >= 0; newline = text.IndexOf('\n', start))
        {
            lines.Add(text[start..newline]);
            start = newline + 1;
        }

        var endsWithNewline = start == text.Length;
        if (!endsWithNewline) lines.Add(text[start..]);
        return new PreImage(lines, endsWithNewline);
    }
}
