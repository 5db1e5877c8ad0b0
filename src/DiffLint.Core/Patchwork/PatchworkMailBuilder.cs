using System.Buffers;
using System.Globalization;
using System.Text;

namespace DiffLint.Core.Patchwork;

/// <summary>
/// Turns one patch object back into a mail the way Patchwork's own mbox view does
/// (patchwork/views/utils.py <c>_submission_to_mbox</c>), minus the things only the server knows
/// (tags gathered from replies). The rest of the pipeline then parses it like any mailed patch.
/// </summary>
internal static class PatchworkMailBuilder
{
    private const string ContentTypeLine = "Content-Type: text/plain; charset=\"utf-8\"";
    private const string TransferEncodingLine = "Content-Transfer-Encoding: 8bit";

    // Patchwork's split_prefixes splits on [,\s]+.
    private static readonly char[] PrefixSeparators = [',', ' ', '\t'];

    // Python's email.utils specialsre: a display name with one of these must be quoted.
    private static readonly SearchValues<char> AddressSpecials = SearchValues.Create("()<>@,:;.\"[]\\");

    /// <summary>
    /// Whether the object is a patch (detail view: has <c>diff</c>; list view: a msgid plus patch-only fields),
    /// as opposed to a cover letter, comment, series, project, person or check, which also come from the API.
    /// </summary>
    public static bool IsPatch(PwNode obj) =>
        obj.Has("diff")
        || (obj.Has("msgid") && (obj.Has("hash") || obj.Has("state") || obj.Has("delegate") || obj.Has("pull_url")));

    public static string DescribeNonPatch(PwNode obj)
    {
        if (obj.Properties is null || obj.Properties.Count == 0)
        {
            return "an empty object";
        }

        if (obj.Has("patches") && (obj.Has("cover_letter") || obj.Has("received_total")))
        {
            return "a series object (its patches are at /api/patches/?series=<id> or /series/<id>/mbox/)";
        }

        if (obj.Has("patches") && obj.Has("owner"))
        {
            return "a bundle object";
        }

        if (obj.Has("msgid") && obj.Has("content"))
        {
            return obj.Has("name") ? "a cover letter object" : "a comment object";
        }

        if (obj.Has("link_name") || obj.Has("list_id"))
        {
            return "a project object";
        }

        if (obj.Has("context") && obj.Has("target_url"))
        {
            return "a check object";
        }

        if (obj.Has("email"))
        {
            return "a person or user object";
        }

        var names = obj.Properties.Take(6).Select(p => "\"" + p.Key + "\"");
        string more = obj.Properties.Count > 6 ? ", ..." : string.Empty;
        return "an object with properties " + string.Join(", ", names) + more;
    }

    /// <summary>Null when the object carries neither a diff nor a commit message (list-view objects).</summary>
    public static PatchworkMail? Build(PwNode obj)
    {
        long id = RequireId(obj);
        string? diff = OptString(obj, "diff");
        string? content = OptString(obj, "content");
        PwNode? headersNode = obj.Get("headers");
        List<KeyValuePair<string, string>>? headers = ReadHeaders(headersNode);

        string? name = OptString(obj, "name");
        string? msgid = OptString(obj, "msgid");
        PwNode? project = OptObject(obj, "project");
        PwNode? submitter = OptObject(obj, "submitter");
        PwNode? delegateUser = OptObject(obj, "delegate");
        PwNode? series = FirstSeries(obj);
        IReadOnlyList<string> prefixes = ReadPrefixes(obj, name);

        var info = new PatchworkInfo(
            id,
            OptString(obj, "url"),
            OptString(obj, "web_url"),
            msgid,
            name,
            prefixes,
            project is null ? null : OptString(project, "link_name"),
            project is null ? null : OptString(project, "name"),
            project is null ? null : OptString(project, "list_id"),
            series is null ? null : OptLong(series, "id"),
            series is null ? null : OptString(series, "name"),
            series is null ? null : OptInt(series, "version"),
            OptString(obj, "hash"),
            submitter is null ? null : OptString(submitter, "name"),
            submitter is null ? null : OptString(submitter, "email"),
            OptString(obj, "commit_ref"));

        if (string.IsNullOrEmpty(diff) && string.IsNullOrEmpty(content))
        {
            return null;
        }

        var mail = new StringBuilder((diff?.Length ?? 0) + (content?.Length ?? 0) + 4096);
        WriteHeaders(mail, obj, info, headers, project, delegateUser, prefixes);
        mail.Append('\n');
        WriteBody(mail, content, diff);
        return new PatchworkMail(info, Encoding.UTF8.GetBytes(mail.ToString()));
    }

    private static void WriteHeaders(
        StringBuilder mail,
        PwNode obj,
        PatchworkInfo info,
        List<KeyValuePair<string, string>>? headers,
        PwNode? project,
        PwNode? delegateUser,
        IReadOnlyList<string> prefixes)
    {
        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string? submitterAddress = info.SubmitterEmail is null ? null : FormatAddress(info.SubmitterName, info.SubmitterEmail);
        string? listEmail = project is null ? null : OptString(project, "list_email");

        foreach (var (key, value) in headers ?? [])
        {
            // Patchwork stored the decoded body, so the original charset and transfer encoding no longer apply.
            if (key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)
                || key.Equals("Content-Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
                || !IsValidHeaderName(key))
            {
                continue;
            }

            string emitted = value;
            if (key.Equals("From", StringComparison.OrdinalIgnoreCase) && submitterAddress is not null
                && listEmail is { Length: > 0 }
                && string.Equals(AddressOf(value), listEmail, StringComparison.OrdinalIgnoreCase))
            {
                // DMARC munging rewrote From to the list; like Patchwork, give git am the real author back.
                WriteHeader(mail, "X-Patchwork-Original-From", value);
                present.Add("X-Patchwork-Original-From");
                emitted = submitterAddress;
            }

            WriteHeader(mail, key, emitted);
            present.Add(key);
        }

        // Without stored headers (API 1.0 list objects, hand-made fixtures) the mail still needs the basics.
        if (!present.Contains("From") && submitterAddress is not null)
        {
            WriteHeader(mail, "From", submitterAddress);
        }

        if (!present.Contains("Date") && FormatDate(OptString(obj, "date")) is { } date)
        {
            WriteHeader(mail, "Date", date);
        }

        if (!present.Contains("Subject") && info.Name is not null)
        {
            WriteHeader(mail, "Subject", EncodeIfNeeded(SubjectFromName(info.Name, prefixes)));
        }

        if (!present.Contains("Message-ID") && info.MessageId is { Length: > 0 } msgid)
        {
            WriteHeader(mail, "Message-ID", msgid.StartsWith('<') ? msgid : "<" + msgid + ">");
        }

        if (!present.Contains("MIME-Version"))
        {
            WriteHeader(mail, "MIME-Version", "1.0");
        }

        mail.Append(ContentTypeLine).Append('\n');
        mail.Append(TransferEncodingLine).Append('\n');

        if (!present.Contains("X-Patchwork-Submitter") && submitterAddress is not null)
        {
            WriteHeader(mail, "X-Patchwork-Submitter", submitterAddress);
        }

        if (!present.Contains("X-Patchwork-Id"))
        {
            WriteHeader(mail, "X-Patchwork-Id", info.Id.ToString(CultureInfo.InvariantCulture));
        }

        if (!present.Contains("X-Patchwork-Delegate") && delegateUser is not null
            && OptString(delegateUser, "email") is { Length: > 0 } delegateEmail)
        {
            WriteHeader(mail, "X-Patchwork-Delegate", delegateEmail);
        }
    }

    /// <summary>Writes a header, keeping the stored folding as real folded lines.</summary>
    private static void WriteHeader(StringBuilder mail, string key, string value)
    {
        string[] parts = NormaliseNewlines(value).Split('\n');
        mail.Append(key).Append(':');
        if (parts[0].Length > 0)
        {
            mail.Append(' ').Append(parts[0]);
        }

        mail.Append('\n');
        for (int i = 1; i < parts.Length; i++)
        {
            string part = parts[i];

            // A blank continuation would end the header block early; an unindented one would start a bogus header.
            if (part.AsSpan().TrimStart(" \t").IsEmpty)
            {
                continue;
            }

            if (part[0] is not (' ' or '\t'))
            {
                mail.Append(' ');
            }

            mail.Append(part).Append('\n');
        }
    }

    private static void WriteBody(StringBuilder mail, string? content, string? diff)
    {
        string body = NormaliseNewlines(content ?? string.Empty).TrimEnd('\n');
        string patch = NormaliseNewlines(diff ?? string.Empty);
        if (body.Length > 0)
        {
            mail.Append(body).Append('\n');
        }

        if (patch.Length == 0)
        {
            return;
        }

        // Patchwork's mbox view separates message and diff the same way, so the boundary stays unambiguous.
        if (!HasSeparatorLine(body))
        {
            mail.Append("---\n");
        }

        mail.Append(patch);
        if (patch[^1] != '\n')
        {
            // A last line without LF is an incomplete line to every line-based consumer downstream.
            mail.Append('\n');
        }
    }

    // Patchwork splits message from postscript at ^-{2,3} ?$; "--" is the signature, already stripped.
    private static bool HasSeparatorLine(string body)
    {
        foreach (var range in body.AsSpan().Split('\n'))
        {
            ReadOnlySpan<char> line = body.AsSpan()[range].TrimEnd(" \t");
            if (line.SequenceEqual("---"))
            {
                return true;
            }
        }

        return false;
    }

    internal static string NormaliseNewlines(string s) =>
        s.Contains('\r', StringComparison.Ordinal)
            ? s.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
            : s;

    private static List<KeyValuePair<string, string>>? ReadHeaders(PwNode? node)
    {
        if (node is null || node.Kind == PwKind.Null)
        {
            return null;
        }

        var list = new List<KeyValuePair<string, string>>();
        if (node.Kind == PwKind.String)
        {
            // Never produced by a released Patchwork, but a raw header block is unambiguous, so accept it.
            ParseRawHeaders(node.Text ?? string.Empty, list);
            return list;
        }

        if (node.Kind != PwKind.Object)
        {
            throw new PwError(node.Offset, $"expected \"headers\" to be an object of header names to values, found {node.KindName}");
        }

        foreach (var (key, value) in node.Properties!)
        {
            switch (value.Kind)
            {
                case PwKind.String:
                    list.Add(new(key, value.Text!));
                    break;
                case PwKind.Array:
                    foreach (PwNode item in value.Items!)
                    {
                        if (item.Kind == PwKind.String)
                        {
                            list.Add(new(key, item.Text!));
                        }
                        else if (item.Kind != PwKind.Null)
                        {
                            throw new PwError(item.Offset, $"expected each value of header \"{key}\" to be a string, found {item.KindName}");
                        }
                    }

                    break;
                case PwKind.Null:
                    break;
                default:
                    throw new PwError(value.Offset, $"expected header \"{key}\" to be a string or an array of strings, found {value.KindName}");
            }
        }

        return list;
    }

    private static void ParseRawHeaders(string raw, List<KeyValuePair<string, string>> list)
    {
        string? key = null;
        var value = new StringBuilder();
        foreach (string line in NormaliseNewlines(raw).Split('\n'))
        {
            if (line.Length > 0 && line[0] is ' ' or '\t')
            {
                if (key is not null)
                {
                    value.Append('\n').Append(line);
                }

                continue;
            }

            if (key is not null)
            {
                list.Add(new(key, value.ToString()));
                key = null;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                key = line[..colon].TrimEnd();
                value.Clear().Append(line.AsSpan(colon + 1).TrimStart(' '));
            }
        }

        if (key is not null)
        {
            list.Add(new(key, value.ToString()));
        }
    }

    // RFC 5322 field names: printable ASCII except the colon. Anything else would corrupt the header block.
    private static bool IsValidHeaderName(string key)
    {
        if (key.Length == 0)
        {
            return false;
        }

        foreach (char c in key)
        {
            if (c is < '!' or > '~' or ':')
            {
                return false;
            }
        }

        return true;
    }

    private static long RequireId(PwNode obj)
    {
        PwNode? node = obj.Get("id");
        if (node is null)
        {
            throw new PwError(obj.Offset, "expected the patch object to have an integer \"id\"");
        }

        if (node.Kind != PwKind.Number || !long.TryParse(node.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long id))
        {
            throw new PwError(node.Offset, $"expected \"id\" to be an integer, found {Describe(node)}");
        }

        return id;
    }

    private static string? OptString(PwNode obj, string name)
    {
        PwNode? node = obj.Get(name);
        return node?.Kind switch
        {
            null or PwKind.Null => null,
            PwKind.String => node.Text,
            _ => throw new PwError(node.Offset, $"expected \"{name}\" to be a string or null, found {Describe(node)}"),
        };
    }

    private static long? OptLong(PwNode obj, string name)
    {
        PwNode? node = obj.Get(name);
        if (node is null || node.Kind == PwKind.Null)
        {
            return null;
        }

        if (node.Kind == PwKind.Number && long.TryParse(node.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v))
        {
            return v;
        }

        throw new PwError(node.Offset, $"expected \"{name}\" to be an integer or null, found {Describe(node)}");
    }

    private static int? OptInt(PwNode obj, string name)
    {
        long? v = OptLong(obj, name);
        if (v is null)
        {
            return null;
        }

        if (v is < int.MinValue or > int.MaxValue)
        {
            throw new PwError(obj.Get(name)!.Offset, $"expected \"{name}\" to be a small integer, found {v}");
        }

        return (int)v.Value;
    }

    /// <summary>An embedded object; very early API versions gave a hyperlink string instead, which carries nothing we use.</summary>
    private static PwNode? OptObject(PwNode obj, string name)
    {
        PwNode? node = obj.Get(name);
        return node?.Kind switch
        {
            null or PwKind.Null or PwKind.String => null,
            PwKind.Object => node,
            _ => throw new PwError(node.Offset, $"expected \"{name}\" to be an object or null, found {node.KindName}"),
        };
    }

    private static PwNode? FirstSeries(PwNode obj)
    {
        PwNode? node = obj.Get("series");
        switch (node?.Kind)
        {
            case null or PwKind.Null:
                return null;
            case PwKind.Object:
                return node;
            case PwKind.Array:
                PwNode? first = node.Items!.Count > 0 ? node.Items[0] : null;
                return first?.Kind switch
                {
                    null or PwKind.Null or PwKind.String => null,
                    PwKind.Object => first,
                    _ => throw new PwError(first.Offset, $"expected each \"series\" entry to be an object, found {first.KindName}"),
                };
            default:
                throw new PwError(node.Offset, $"expected \"series\" to be an array of series objects, found {node.KindName}");
        }
    }

    private static IReadOnlyList<string> ReadPrefixes(PwNode obj, string? name)
    {
        PwNode? node = obj.Get("prefixes");
        if (node is null || node.Kind == PwKind.Null)
        {
            // API 1.0 had no "prefixes"; Patchwork built the name as "[p1,p2] rest", so recover them from it.
            return PrefixesFromName(name);
        }

        if (node.Kind != PwKind.Array)
        {
            throw new PwError(node.Offset, $"expected \"prefixes\" to be an array of strings, found {node.KindName}");
        }

        var list = new List<string>(node.Items!.Count);
        foreach (PwNode item in node.Items)
        {
            if (item.Kind != PwKind.String)
            {
                throw new PwError(item.Offset, $"expected each \"prefixes\" entry to be a string, found {item.KindName}");
            }

            list.Add(item.Text!);
        }

        return list;
    }

    internal static IReadOnlyList<string> PrefixesFromName(string? name)
    {
        int close = name is not null && name.StartsWith('[') ? name.IndexOf(']', StringComparison.Ordinal) : -1;
        if (close < 0)
        {
            return [];
        }

        return name![1..close].Split(PrefixSeparators, StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>
    /// Patchwork dropped "PATCH" from the subject's brackets and joined the rest with commas;
    /// putting it back gives the subject git-send-email wrote in the common case.
    /// </summary>
    internal static string SubjectFromName(string name, IReadOnlyList<string> prefixes)
    {
        if (!name.StartsWith('['))
        {
            return "[PATCH] " + name;
        }

        int close = name.IndexOf(']', StringComparison.Ordinal);
        if (close < 0)
        {
            return name;
        }

        string[] inner = name[1..close].Split(PrefixSeparators, StringSplitOptions.RemoveEmptyEntries);
        if (inner.Any(p => p.Equals("PATCH", StringComparison.OrdinalIgnoreCase)))
        {
            return name;
        }

        IEnumerable<string> shown = inner.Length > 0 ? inner : prefixes;
        return "[PATCH" + string.Concat(shown.Select(p => " " + p)) + "]" + name[(close + 1)..];
    }

    /// <summary>Python's email.utils.formataddr: quote the name when it has RFC 5322 specials.</summary>
    internal static string FormatAddress(string? name, string email)
    {
        if (string.IsNullOrEmpty(name))
        {
            return email;
        }

        if (!IsAscii(name))
        {
            return EncodeWords(name) + " <" + email + ">";
        }

        if (name.AsSpan().IndexOfAny(AddressSpecials) >= 0)
        {
            string quoted = name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
            return "\"" + quoted + "\" <" + email + ">";
        }

        return name + " <" + email + ">";
    }

    /// <summary>The addr-spec of a From value: inside the last angle brackets, else the whole trimmed value.</summary>
    private static string AddressOf(string value)
    {
        int close = value.LastIndexOf('>');
        int open = close < 0 ? -1 : value.LastIndexOf('<', close);
        return (open >= 0 ? value[(open + 1)..close] : value).Trim();
    }

    private static string EncodeIfNeeded(string text) => IsAscii(text) ? text : EncodeWords(text);

    private static bool IsAscii(string s)
    {
        foreach (char c in s)
        {
            if (c > '~' || (c < ' ' && c != '\t'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>RFC 2047 base64 words of at most 45 UTF-8 bytes each (75 chars encoded), folded between words.</summary>
    private static string EncodeWords(string text)
    {
        var words = new List<string>();
        int start = 0;
        while (start < text.Length)
        {
            int end = start;
            int bytes = 0;
            while (end < text.Length)
            {
                int len = char.IsHighSurrogate(text[end]) && end + 1 < text.Length ? 2 : 1;
                int n = Encoding.UTF8.GetByteCount(text.AsSpan(end, len));
                if (bytes + n > 45 && end > start)
                {
                    break;
                }

                bytes += n;
                end += len;
            }

            words.Add("=?utf-8?b?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(text[start..end])) + "?=");
            start = end;
        }

        return string.Join("\n ", words);
    }

    /// <summary>Patchwork stores UTC without a zone suffix; an explicit offset, if any, is honoured.</summary>
    internal static string? FormatDate(string? date)
    {
        if (string.IsNullOrWhiteSpace(date)
            || !DateTimeOffset.TryParse(
                date,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces,
                out DateTimeOffset when))
        {
            return null;
        }

        when = when.ToUniversalTime();
        return when.ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " +0000";
    }

    private static string Describe(PwNode node) =>
        node.Kind is PwKind.Number or PwKind.String ? $"{node.KindName} ({Clip(node.Text)})" : node.KindName;

    private static string Clip(string? s) => s is null ? string.Empty : s.Length <= 40 ? s : s[..40] + "...";
}
