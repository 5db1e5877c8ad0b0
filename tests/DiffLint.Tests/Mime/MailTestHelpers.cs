using System.Collections.Generic;
using System.Linq;
using System.Text;
using DiffLint.Core.Mime;

namespace DiffLint.Tests.Mime;

internal static class MailTestHelpers
{
    /// <summary>Fixture text uses '\n' line ends unless the test builds bytes itself.</summary>
    public static DecodedMail Decode(string text, int firstLine = 1) =>
        MailDecoder.Decode(Encoding.UTF8.GetBytes(text), firstLine);

    public static DecodedMail Decode(byte[] bytes, int firstLine = 1) => MailDecoder.Decode(bytes, firstLine);

    public static List<string> Texts(this DecodedMail mail) => mail.Body.Select(l => l.Text.ToString()).ToList();

    public static List<int> LineNumbers(this DecodedMail mail) => mail.Body.Select(l => l.Line).ToList();

    public static List<MailProblemKind> Kinds(this DecodedMail mail) => mail.Problems.Select(p => p.Kind).ToList();

    public static byte[] Bytes(params object[] pieces)
    {
        var list = new List<byte>();
        foreach (var p in pieces)
        {
            switch (p)
            {
                case string s:
                    list.AddRange(Encoding.UTF8.GetBytes(s));
                    break;
                case byte[] b:
                    list.AddRange(b);
                    break;
                case byte b1:
                    list.Add(b1);
                    break;
                default:
                    throw new System.ArgumentException("unsupported fixture piece " + p);
            }
        }
        return list.ToArray();
    }
}
