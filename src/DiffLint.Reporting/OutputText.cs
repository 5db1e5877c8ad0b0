using System.Buffers;
using System.Globalization;
using System.Text;

namespace DiffLint.Reporting;

/// <summary>
/// Text taken from the input (subjects, paths, messages, code lines) as the line-oriented formats print it: every
/// control character (C0, DEL and C1: ESC, CR, LF, NUL...) but the tab is written as a visible escape (<c>\e</c>,
/// <c>\r</c>, <c>\n</c>, <c>\0</c>, <c>\x7f</c>, <c>\u0085</c>), so no input can start a new output line (a forged
/// <c>::error</c> in a GitHub Actions log), move the cursor or recolour a terminal.
/// </summary>
public static class OutputText
{
    private static readonly SearchValues<char> Controls = SearchValues.Create(ControlCharacters());

    /// <summary>C0 but the tab, DEL, and C1. A loop, not LINQ over ints: every run builds this set, and a precompiled build lacks LINQ's code for it.</summary>
    private static char[] ControlCharacters()
    {
        var controls = new List<char>();
        for (var c = '\0'; c < '\u00a0'; c++)
        {
            if ((c < ' ' && c != '\t') || c >= '\u007f') controls.Add(c);
        }

        return controls.ToArray();
    }

    /// <summary>The text with its control characters escaped; the same string when it has none.</summary>
    public static string Escape(string text) => Escape(text, keepLineBreaks: false);

    /// <summary>As <see cref="Escape(string)"/>, leaving CR and LF to a format that escapes them its own way.</summary>
    public static string Escape(string text, bool keepLineBreaks)
    {
        var first = text.AsSpan().IndexOfAny(Controls);
        if (first < 0) return text;
        var builder = new StringBuilder(text.Length + 8).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (!Controls.Contains(c) || (keepLineBreaks && c is '\r' or '\n'))
            {
                builder.Append(c);
                continue;
            }

            builder.Append(c switch
            {
                '\e' => "\\e",
                '\r' => "\\r",
                '\n' => "\\n",
                '\0' => "\\0",
                < (char)0x80 => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            });
        }

        return builder.ToString();
    }
}
