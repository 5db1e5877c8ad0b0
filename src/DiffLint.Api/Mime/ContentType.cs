using System;
using System.Collections.Generic;

namespace DiffLint.Core.Mime;

/// <summary>A parsed Content-Type. Type and subtype are lower case; parameter names are case-insensitive.</summary>
public sealed record ContentType(string MediaType, string SubType, IReadOnlyDictionary<string, string> Parameters)
{
    private static readonly IReadOnlyDictionary<string, string> NoParameters =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>text/plain without parameters (RFC 2045 default).</summary>
    public static ContentType TextPlain { get; } = new("text", "plain", NoParameters);

    public string? Charset => Parameters.TryGetValue("charset", out var v) ? v : null;

    public string? Boundary => Parameters.TryGetValue("boundary", out var v) ? v : null;

    /// <summary>The (deprecated but common) <c>name</c> parameter carrying an attachment's file name.</summary>
    public string? Name => Parameters.TryGetValue("name", out var v) ? v : null;

    public bool IsMultipart => MediaType == "multipart";

    public bool Is(string mediaType, string subType) =>
        string.Equals(MediaType, mediaType, StringComparison.OrdinalIgnoreCase)
        && string.Equals(SubType, subType, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => MediaType + "/" + SubType;

    /// <summary>
    /// Parses a Content-Type value. Missing or malformed type/subtype gives text/plain (RFC 2045 section 5.2), but
    /// the parameters are still read so that a usable charset is not lost to a typo in the type.
    /// </summary>
    public static ContentType Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return TextPlain;
        var parameters = MimeParameters.Parse(value, out string leading);
        string type = "text", sub = "plain";
        int slash = leading.IndexOf('/');
        if (slash > 0 && slash < leading.Length - 1)
        {
            var t = leading.AsSpan(0, slash).Trim();
            var st = leading.AsSpan(slash + 1).Trim();
            if (MimeParameters.IsToken(t) && MimeParameters.IsToken(st))
            {
                type = LowerCase(t);
                sub = LowerCase(st);
            }
        }
        if (parameters.Count == 0 && type == "text" && sub == "plain")
            return TextPlain;
        return new ContentType(type, sub, parameters);
    }

    // The names nearly every mail uses, so that reading its type makes no strings.
    private static readonly string[] CommonNames =
        ["text", "plain", "multipart", "mixed", "alternative", "signed", "application", "octet-stream", "x-patch", "x-diff", "html"];

    /// <summary>The lower-case form of a type or subtype (a token: ASCII only).</summary>
    private static string LowerCase(ReadOnlySpan<char> token)
    {
        foreach (var name in CommonNames)
        {
            if (token.Equals(name, StringComparison.OrdinalIgnoreCase))
                return name;
        }

        return token.ToString().ToLowerInvariant();
    }
}
