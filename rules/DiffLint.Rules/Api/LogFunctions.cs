namespace DiffLint.Rules.Api;

/// <summary>
/// checkpatch's <c>$logFunctions</c>: the names it takes for a call that logs a message (<c>printk</c>, <c>pr_err</c>,
/// <c>dev_warn_once</c>, <c>WARN</c>, <c>panic</c>, <c>MODULE_*</c>, <c>seq_printf</c>...), matched on a whole identifier.
/// </summary>
internal static class LogFunctions
{
    /// <summary>The names of the family that are one fixed word.</summary>
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "printk", "printk_ratelimited", "printk_once", "printk_deferred_once", "printk_deferred", "TP_printk",
        "WARN", "WARN_RATELIMIT", "WARN_ONCE", "panic", "seq_vprintf", "seq_printf", "seq_puts",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NameLookup = Names.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The level words of <c>pr_err</c>, <c>dev_warn_once</c>, <c>netdev_dbg</c>, ...</summary>
    private static readonly string[] Levels =
        ["printk", "emerg", "alert", "crit", "err", "warning", "warn", "notice", "info", "debug", "dbg", "vdbg", "devel", "cont", "WARN"];

    /// <summary>
    /// True for a fixed name, <c>MODULE_</c> and capitals, or one or two lower-case words each followed by <c>_</c>,
    /// then a level word, then optionally <c>_ratelimited</c> or <c>_once</c>.
    /// </summary>
    public static bool Is(ReadOnlySpan<char> name)
    {
        if (NameLookup.Contains(name)) return true;
        if (name.StartsWith("MODULE_", StringComparison.Ordinal))
            return name.Length > 7 && name[7..].IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZ_") < 0;

        if (name.EndsWith("_ratelimited", StringComparison.Ordinal)) name = name[..^12];
        else if (name.EndsWith("_once", StringComparison.Ordinal)) name = name[..^5];
        foreach (var level in Levels)
        {
            if (name.Length > level.Length && name.EndsWith(level, StringComparison.Ordinal) && IsPrefix(name[..^level.Length])) return true;
        }

        return false;
    }

    /// <summary>One or two <c>[a-z0-9]+_</c> groups.</summary>
    private static bool IsPrefix(ReadOnlySpan<char> prefix)
    {
        if (prefix.IsEmpty || prefix[^1] != '_') return false;
        var groups = 0;
        foreach (var range in prefix[..^1].Split('_'))
        {
            var word = prefix[range];
            if (word.IsEmpty || word.IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyz0123456789") >= 0) return false;
            groups++;
        }

        return groups <= 2;
    }
}
