namespace DiffLint.Rules.Api;

/// <summary>The kernel allocators checkpatch knows (its <c>$allocFunctions</c>): they return <c>void *</c> and warn on failure.</summary>
internal static class KernelAllocators
{
    /// <summary>
    /// <c>[devm_]{k,kv,v}{c,z,m}alloc[_array][_node]</c>, <c>[devm_]kstrdup[_const]</c>, <c>[devm_]kmemdup[_nul]</c>,
    /// <c>*alloc_skb[_ip_align]</c> and <c>dma_alloc_coherent</c>.
    /// </summary>
    public static bool IsAllocator(ReadOnlySpan<char> name)
    {
        if (name.SequenceEqual("dma_alloc_coherent")) return true;
        var skb = name.IndexOf("alloc_skb");
        if (skb >= 0 && IsWord(name[..skb]))
        {
            var rest = name[(skb + "alloc_skb".Length)..];
            if (rest.IsEmpty || rest.SequenceEqual("_ip_align")) return true;
        }

        if (name.StartsWith("devm_")) name = name["devm_".Length..];
        if (name.SequenceEqual("kstrdup") || name.SequenceEqual("kstrdup_const") || name.SequenceEqual("kmemdup") ||
            name.SequenceEqual("kmemdup_nul")) return true;
        if (name.StartsWith("kv")) name = name[2..];
        else if (name.StartsWith("k") || name.StartsWith("v")) name = name[1..];
        else return false;
        if (name.Length < 6 || name[0] is not ('c' or 'z' or 'm') || !name[1..].StartsWith("alloc")) return false;
        var suffix = name[6..];
        if (suffix.StartsWith("_array")) suffix = suffix["_array".Length..];
        return suffix.IsEmpty || suffix.SequenceEqual("_node");
    }

    private static bool IsWord(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_') return false;
        }

        return true;
    }
}
