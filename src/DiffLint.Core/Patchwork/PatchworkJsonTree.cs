using System.Text;
using System.Text.Json;

namespace DiffLint.Core.Patchwork;

internal enum PwKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>
/// A minimal JSON tree. JsonDocument would do, except that it forgets where each value was, and every
/// "wrong type" error has to name a line and column in the original file.
/// </summary>
internal sealed class PwNode
{
    public PwNode(PwKind kind, int offset)
    {
        Kind = kind;
        Offset = offset;
    }

    public PwKind Kind { get; }

    /// <summary>Byte offset of the value's first byte in the whole input file.</summary>
    public int Offset { get; }

    /// <summary>The unescaped string, or the number literal as written.</summary>
    public string? Text { get; init; }

    public List<KeyValuePair<string, PwNode>>? Properties { get; init; }

    public List<PwNode>? Items { get; init; }

    public bool Has(string name) => Get(name) is not null;

    /// <summary>Last one wins for duplicate names, as in Python's json module that Patchwork's clients use.</summary>
    public PwNode? Get(string name)
    {
        if (Properties is null)
        {
            return null;
        }

        for (int i = Properties.Count - 1; i >= 0; i--)
        {
            if (string.Equals(Properties[i].Key, name, StringComparison.Ordinal))
            {
                return Properties[i].Value;
            }
        }

        return null;
    }

    public string KindName => Kind switch
    {
        PwKind.Object => "an object",
        PwKind.Array => "an array",
        PwKind.String => "a string",
        PwKind.Number => "a number",
        PwKind.True or PwKind.False => "a boolean",
        _ => "null",
    };
}

/// <summary>A problem found at a byte offset; turned into a <see cref="PatchworkFormatException"/> by the caller,
/// which alone holds the input span needed to compute line and column.</summary>
internal sealed class PwError : Exception
{
    public PwError(int offset, string detail)
        : base(detail)
    {
        Offset = offset;
    }

    public int Offset { get; }
}

internal static class PwJsonParser
{
    // Patch objects nest four levels at most; the limit only guards the recursion against hostile input.
    private const int MaxDepth = 64;

    /// <summary>Parses the single JSON value that starts at <paramref name="start"/> and runs to the end of the file.</summary>
    public static PwNode Parse(ReadOnlySpan<byte> file, int start)
    {
        ReadOnlySpan<byte> json = file[start..];
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        PwNode root;
        try
        {
            if (!reader.Read())
            {
                throw new PwError(file.Length, "expected a JSON value, found the end of the input");
            }

            root = ReadValue(ref reader, start);
        }
        catch (JsonException ex)
        {
            int offset = RelativeToAbsolute(file, start, ex.LineNumber ?? 0, ex.BytePositionInLine ?? 0);
            throw new PwError(offset, Describe(file, offset, ex.Message));
        }

        // Checked by hand rather than by another Read() so the message can say what was found.
        int end = start + (int)reader.BytesConsumed;
        while (end < file.Length && IsJsonSpace(file[end]))
        {
            end++;
        }

        if (end < file.Length)
        {
            throw new PwError(end, $"expected the end of the input after the JSON value, found {Show(file, end)}");
        }

        return root;
    }

    private static PwNode ReadValue(ref Utf8JsonReader reader, int start)
    {
        int offset = start + (int)reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var props = new List<KeyValuePair<string, PwNode>>();
                while (true)
                {
                    Advance(ref reader, start);
                    if (reader.TokenType == JsonTokenType.EndObject)
                    {
                        break;
                    }

                    string name = GetString(ref reader, start);
                    Advance(ref reader, start);
                    props.Add(new KeyValuePair<string, PwNode>(name, ReadValue(ref reader, start)));
                }

                return new PwNode(PwKind.Object, offset) { Properties = props };
            }

            case JsonTokenType.StartArray:
            {
                var items = new List<PwNode>();
                while (true)
                {
                    Advance(ref reader, start);
                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        break;
                    }

                    items.Add(ReadValue(ref reader, start));
                }

                return new PwNode(PwKind.Array, offset) { Items = items };
            }

            case JsonTokenType.String:
                return new PwNode(PwKind.String, offset) { Text = GetString(ref reader, start) };
            case JsonTokenType.Number:
                return new PwNode(PwKind.Number, offset) { Text = Encoding.UTF8.GetString(reader.ValueSpan) };
            case JsonTokenType.True:
                return new PwNode(PwKind.True, offset);
            case JsonTokenType.False:
                return new PwNode(PwKind.False, offset);
            case JsonTokenType.Null:
                return new PwNode(PwKind.Null, offset);
            default:
                throw new PwError(offset, $"expected a JSON value, found token {reader.TokenType}");
        }
    }

    private static void Advance(ref Utf8JsonReader reader, int start)
    {
        if (!reader.Read())
        {
            // A final-block reader throws on truncation itself; this is a belt for that brace.
            throw new PwError(start + (int)reader.BytesConsumed, "expected more JSON, but the input ends here (truncated?)");
        }
    }

    private static string GetString(ref Utf8JsonReader reader, int start)
    {
        try
        {
            return reader.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException ex)
        {
            // Invalid UTF-8 or a lone surrogate escape: the reader only notices when transcoding.
            throw new PwError(start + (int)reader.TokenStartIndex, "expected a valid UTF-8 / UTF-16 string: " + ex.Message);
        }
    }

    private static int RelativeToAbsolute(ReadOnlySpan<byte> file, int start, long line, long bytePos)
    {
        int pos = start;
        for (long l = 0; l < line && pos < file.Length; l++)
        {
            int nl = file[pos..].IndexOf((byte)'\n');
            if (nl < 0)
            {
                pos = file.Length;
                break;
            }

            pos += nl + 1;
        }

        long abs = pos + bytePos;
        return (int)Math.Min(abs, file.Length);
    }

    private static string Describe(ReadOnlySpan<byte> file, int offset, string readerMessage)
    {
        // The reader's own position suffix is relative to the JSON slice, which would contradict ours.
        int cut = readerMessage.IndexOf(" LineNumber:", StringComparison.Ordinal);
        string msg = cut >= 0 ? readerMessage[..cut] : readerMessage;
        int lastNonSpace = file.Length;
        while (lastNonSpace > 0 && IsJsonSpace(file[lastNonSpace - 1]))
        {
            lastNonSpace--;
        }

        if (offset >= lastNonSpace)
        {
            return "expected more JSON, but the input ends here (truncated?): " + msg;
        }

        return "expected well-formed JSON: " + msg;
    }

    internal static bool IsJsonSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private static string Show(ReadOnlySpan<byte> file, int offset)
    {
        byte b = file[offset];
        return b is >= 0x21 and < 0x7f ? $"'{(char)b}'" : $"byte 0x{b:X2}";
    }

    /// <summary>1-based line and column (in code points, a leading BOM not counted) of a byte offset.</summary>
    public static (int Line, int Column) Locate(ReadOnlySpan<byte> file, int offset)
    {
        offset = Math.Clamp(offset, 0, file.Length);
        ReadOnlySpan<byte> before = file[..offset];
        int line = 1 + before.Count((byte)'\n');
        int lineStart = before.LastIndexOf((byte)'\n') + 1;
        if (lineStart == 0 && PatchworkJsonReader.HasBom(file))
        {
            lineStart = Math.Min(3, offset);
        }

        int column = 1;
        foreach (byte b in file[lineStart..offset])
        {
            if ((b & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return (line, column);
    }
}
