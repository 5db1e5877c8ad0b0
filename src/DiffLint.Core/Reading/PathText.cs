using System.Text;

namespace DiffLint.Core.Reading;

/// <summary>git's C-style path quoting (<c>core.quotePath</c>): <c>"b/\303\251t\303\251.c"</c>.</summary>
internal static class PathText
{
    /// <summary>Length of the leading quoted string including both quotes, or 0 when it is not closed.</summary>
    public static int QuotedLength(ReadOnlySpan<char> text)
    {
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] == '\\') i++;
            else if (text[i] == '"') return i + 1;
        }

        return 0;
    }

    public static string Unquote(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.Length < 2 || text[0] != '"' || text[^1] != '"') return text.ToString();
        text = text[1..^1];
        var bytes = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '\\' || i + 1 >= text.Length)
            {
                var n = Encoding.UTF8.GetBytes([c], utf8);
                for (var k = 0; k < n; k++) bytes.Add(utf8[k]);
                continue;
            }

            var e = text[++i];
            switch (e)
            {
                case 'n': bytes.Add((byte)'\n'); break;
                case 't': bytes.Add((byte)'\t'); break;
                case 'r': bytes.Add((byte)'\r'); break;
                case 'a': bytes.Add(7); break;
                case 'b': bytes.Add(8); break;
                case 'f': bytes.Add(12); break;
                case 'v': bytes.Add(11); break;
                case >= '0' and <= '7':
                    var value = 0;
                    var digits = 0;
                    while (digits < 3 && i < text.Length && text[i] is >= '0' and <= '7')
                    {
                        value = value * 8 + (text[i] - '0');
                        i++;
                        digits++;
                    }

                    i--;
                    bytes.Add((byte)value);
                    break;
                default: bytes.Add((byte)e); break;
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
