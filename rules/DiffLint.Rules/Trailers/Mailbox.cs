namespace DiffLint.Rules.Trailers;

/// <summary>
/// One <c>Name &lt;address&gt; comment</c> as written in a trailer or a From: header: the display name (quotes
/// removed), the address, and whatever follows the closing <c>&gt;</c>. Parsed by a single left-to-right scan
/// that honours quoted strings and parenthesised comments, so hostile input cannot make it backtrack.
/// </summary>
public sealed record Mailbox(string Name, string Address, string Trailing)
{
    /// <summary>The name was written in double quotes.</summary>
    public bool NameQuoted { get; init; }

    /// <summary>Parenthesised comments inside the display name, e.g. <c>Jane (Google) &lt;...&gt;</c>.</summary>
    public int NameComments { get; init; }

    /// <summary>A quote in the name that does not close, or text outside the quotes.</summary>
    public bool NameQuotingBroken { get; init; }

    /// <summary>A parenthesised comment inside the angle brackets, e.g. <c>&lt;jane(at work)@example.org&gt;</c>.</summary>
    public bool AddressHasComment { get; init; }

    /// <summary>The address without a <c>+subaddress</c> in its local part, lower-cased.</summary>
    public string AddressWithoutSubaddress
    {
        get
        {
            var at = Address.LastIndexOf('@');
            var plus = at > 0 ? Address.IndexOf('+', 0, at) : -1;
            var bare = plus > 0 ? string.Concat(Address.AsSpan(0, plus), Address.AsSpan(at)) : Address;
            return bare.ToLowerInvariant();
        }
    }

    public bool SameAddress(Mailbox other) => Address.Equals(other.Address, StringComparison.OrdinalIgnoreCase);

    /// <summary>Names compare case-insensitively with runs of whitespace folded: "Jane  DOE" is "Jane Doe".</summary>
    public bool SameName(Mailbox other)
    {
        // Word by word, without building the folded names: it runs for every sign-off of every patch.
        ReadOnlySpan<char> mine = Name, theirs = other.Name;
        while (true)
        {
            var myWord = NextWord(ref mine);
            var theirWord = NextWord(ref theirs);
            if (!myWord.Equals(theirWord, StringComparison.OrdinalIgnoreCase)) return false;
            if (myWord.IsEmpty) return true;
        }
    }

    /// <summary>The next run of characters other than spaces and tabs in <paramref name="rest"/> (empty at the end), which moves past it.</summary>
    private static ReadOnlySpan<char> NextWord(ref ReadOnlySpan<char> rest)
    {
        var start = rest.IndexOfAnyExcept(' ', '\t');
        if (start < 0)
        {
            rest = [];
            return [];
        }

        var length = rest[start..].IndexOfAny(' ', '\t');
        if (length < 0) length = rest.Length - start;
        var word = rest.Slice(start, length);
        rest = rest[(start + length)..];
        return word;
    }

    public bool SameIdentity(Mailbox other) => SameAddress(other) && SameName(other);

    /// <summary>
    /// Looser than <see cref="SameIdentity"/>, for telling whether two lines of one patch name the same person who
    /// uses several addresses: same address (ignoring a +subaddress), same name, same local part, or names sharing
    /// two words (or one being a single word of the other: "Biju" and "Biju Das").
    /// </summary>
    public bool ProbablySamePerson(Mailbox other)
    {
        if (AddressWithoutSubaddress == other.AddressWithoutSubaddress || SameName(other)) return true;
        if (LocalPart(Address).Equals(LocalPart(other.Address), StringComparison.OrdinalIgnoreCase)) return true;
        var mine = Words(Name);
        var theirs = Words(other.Name);
        var shared = mine.Count(w => theirs.Contains(w, StringComparer.OrdinalIgnoreCase));
        return shared >= 2 || (shared == 1 && (mine.Length == 1 || theirs.Length == 1));
    }

    public override string ToString() => Name.Length == 0 ? $"<{Address}>" : $"{Name} <{Address}>";

    /// <summary>Parses <paramref name="text"/>; false when it holds no well-formed address.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Mailbox mailbox)
    {
        mailbox = null!;
        text = text.Trim();
        var open = FindAngleBracket(text, out var nameComments, out var quotesBalanced);
        if (open < 0) return TryParseBare(text, out mailbox);

        var close = text[(open + 1)..].IndexOf('>');
        if (close < 0) return false;
        close += open + 1;
        var address = text[(open + 1)..close].Trim();
        var addressHasComment = address.IndexOf('(') >= 0;
        var strippedAddress = addressHasComment ? StripComments(address) : address.ToString();
        if (!IsAddress(strippedAddress)) return false;

        var rawName = text[..open].Trim();
        var quoted = rawName.Length >= 2 && rawName[0] == '"' && rawName[^1] == '"';
        var name = quoted ? Unquote(rawName[1..^1]) : rawName.ToString();
        var stray = !quoted && rawName.IndexOf('"') >= 0;
        mailbox = new Mailbox(name.Trim(), strippedAddress, text[(close + 1)..].Trim().ToString())
        {
            NameQuoted = quoted,
            NameComments = nameComments,
            NameQuotingBroken = !quotesBalanced || stray,
            AddressHasComment = addressHasComment,
        };
        return true;
    }

    private static bool TryParseBare(ReadOnlySpan<char> text, out Mailbox mailbox)
    {
        mailbox = null!;
        var end = text.IndexOfAny(' ', '\t');
        var token = end < 0 ? text : text[..end];
        if (!IsAddress(token)) return false;
        mailbox = new Mailbox("", token.ToString(), end < 0 ? "" : text[end..].Trim().ToString());
        return true;
    }

    /// <summary>Index of the first <c>&lt;</c> outside quotes and comments, counting the name's comments on the way.</summary>
    private static int FindAngleBracket(ReadOnlySpan<char> text, out int comments, out bool quotesBalanced)
    {
        comments = 0;
        var inQuotes = false;
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '\\') i++;
                else if (c == '"') inQuotes = false;
            }
            else if (c == '"' && depth == 0) inQuotes = true;
            else if (c == '(')
            {
                if (depth++ == 0) comments++;
            }
            else if (c == ')' && depth > 0) depth--;
            else if (c == '<' && depth == 0)
            {
                quotesBalanced = true;
                return i;
            }
        }

        quotesBalanced = !inQuotes;
        // An unclosed quote hides the bracket: look again, ignoring quotes, so the address is still found.
        if (inQuotes)
        {
            var bracket = text.IndexOf('<');
            if (bracket >= 0) return bracket;
        }

        return -1;
    }

    private static bool IsAddress(ReadOnlySpan<char> address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1) return false;
        foreach (var c in address[..at])
        {
            if (c <= ' ' || c is '<' or '>' or '(' or ')' or ',' or ';') return false;
        }

        foreach (var c in address[(at + 1)..])
        {
            if (!char.IsLetterOrDigit(c) && c is not ('-' or '.' or '_' or '[' or ']' or ':')) return false;
        }

        return true;
    }

    private static string StripComments(ReadOnlySpan<char> text)
    {
        var result = new System.Text.StringBuilder(text.Length);
        var depth = 0;
        foreach (var c in text)
        {
            if (c == '(') depth++;
            else if (c == ')' && depth > 0) depth--;
            else if (depth == 0 && c != ' ') result.Append(c);
        }

        return result.ToString();
    }

    private static string Unquote(ReadOnlySpan<char> text)
    {
        var result = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length) i++;
            result.Append(text[i]);
        }

        return result.ToString();
    }

    private static string LocalPart(string address) => address[..Math.Max(address.LastIndexOf('@'), 0)];

    private static string[] Words(string name) => name.Split([' ', '\t', '(', ')', '"', ','], StringSplitOptions.RemoveEmptyEntries);
}
