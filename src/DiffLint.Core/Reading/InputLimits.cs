using System.Globalization;

namespace DiffLint.Core.Reading;

/// <summary>
/// How much of one message DiffLint reads. Beyond a limit the message is still checked, with the part over the limit
/// left out and an input-limit finding (DL0003) that names the limit and how to raise it; the rest of the input goes on.
/// Each limit is set by <c>--limit NAME=VALUE</c> or by the .editorconfig key <c>difflint_limit_NAME</c> (with '-' as '_').
/// </summary>
public sealed record InputLimits
{
    /// <summary>The limits' names, as <c>--limit</c> takes them.</summary>
    public static readonly IReadOnlyList<string> Names = ["line-length", "hunk-lines", "patch-lines", "header-size", "mime-depth", "part-size"];

    public static InputLimits Default { get; } = new();

    /// <summary>Characters of one decoded line; a longer line is checked up to the limit.</summary>
    public int LineLength { get; init; } = 4 << 20;

    /// <summary>Lines of one hunk; the lines after the limit are read past, not checked.</summary>
    public int HunkLines { get; init; } = 100_000;

    /// <summary>
    /// Diff lines of one patch, all its hunks together; the lines after the limit are read past, not checked. Twice the
    /// hunk limit: the largest patch of the shared corpus has some 5,000 lines, and 20 hunks at the hunk limit took 685 MB.
    /// </summary>
    public int PatchLines { get; init; } = 200_000;

    /// <summary>Bytes of one mail header field with its folded lines; a longer one is cut at the limit.</summary>
    public int HeaderSize { get; init; } = 256 << 10;

    /// <summary>Levels of nested multipart MIME; deeper parts are left out.</summary>
    public int MimeDepth { get; init; } = 16;

    /// <summary>Bytes of one decoded MIME part (the whole body of a mail without parts); the text after the limit is left out.</summary>
    public int PartSize { get; init; } = 64 << 20;

    /// <summary>The .editorconfig key of a limit: <c>difflint_limit_line_length</c>.</summary>
    public static string EditorConfigKey(string name) => "difflint_limit_" + name.Replace('-', '_');

    /// <summary>How a finding tells the user to raise the limit <paramref name="name"/>.</summary>
    public static string HowToRaise(string name) => $"raise it with --limit {name}=N or {EditorConfigKey(name)} in .editorconfig";

    /// <summary>The value of limit <paramref name="name"/>.</summary>
    public int this[string name] => name switch
    {
        "line-length" => LineLength,
        "hunk-lines" => HunkLines,
        "patch-lines" => PatchLines,
        "header-size" => HeaderSize,
        "mime-depth" => MimeDepth,
        "part-size" => PartSize,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a limit"),
    };

    /// <summary>
    /// These limits with <paramref name="name"/> set to <paramref name="text"/>, a positive number (with an optional
    /// k, M or G suffix, powers of 1024); false with an error message when either is not valid.
    /// </summary>
    public bool TrySet(string name, string text, out InputLimits limits, out string? error)
    {
        limits = this;
        error = null;
        if (!TryParseSize(text.Trim(), out var value))
        {
            error = $"limit {name}: '{text}' is not a positive number (a k, M or G suffix multiplies by 1024, 1024^2, 1024^3)";
            return false;
        }

        switch (name)
        {
            case "line-length": limits = this with { LineLength = value }; break;
            case "hunk-lines": limits = this with { HunkLines = value }; break;
            case "patch-lines": limits = this with { PatchLines = value }; break;
            case "header-size": limits = this with { HeaderSize = value }; break;
            case "mime-depth": limits = this with { MimeDepth = value }; break;
            case "part-size": limits = this with { PartSize = value }; break;
            default:
                error = $"unknown limit '{name}'; the limits are {string.Join(", ", Names)}";
                return false;
        }

        return true;
    }

    private static bool TryParseSize(string text, out int value)
    {
        value = 0;
        long scale = 1;
        if (text.Length > 1 && char.ToLowerInvariant(text[^1]) is 'k' or 'm' or 'g')
        {
            scale = char.ToLowerInvariant(text[^1]) switch { 'k' => 1L << 10, 'm' => 1L << 20, _ => 1L << 30 };
            text = text[..^1];
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0) return false;
        var scaled = number * scale;
        if (number > int.MaxValue || scaled > Array.MaxLength) return false;
        value = (int)scaled;
        return true;
    }

    /// <summary>A number for a message: <c>4,194,304</c>.</summary>
    internal static string Show(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
