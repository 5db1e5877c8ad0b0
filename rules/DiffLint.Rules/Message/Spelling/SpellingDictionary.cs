using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using DiffLint.Core;
using DiffLint.Core.Analysis;

namespace DiffLint.Rules.Message.Spelling;

/// <summary>
/// Known misspellings and their fixes, in codespell's <c>typo-&gt;fix1, fix2</c> format: the codespell dictionary a
/// package installs (or the files <c>difflint_spelling_dictionaries</c> names) and DiffLint's own short list.
/// A word is a maximal run of ASCII letters, digits, <c>_</c>, <c>-</c>, <c>'</c> and <c>`</c>, as checkpatch bounds it;
/// an entry may be several such words separated by single spaces (<c>an user</c>).
/// </summary>
public sealed partial class SpellingDictionary
{
    /// <summary>The .editorconfig key: comma-separated dictionary files, or <c>none</c> for DiffLint's own list only.</summary>
    public const string DictionariesKey = "difflint_spelling_dictionaries";

    /// <summary><see cref="DictionariesKey"/> as the spelling rules' documentation lists it.</summary>
    public static readonly RuleOption DictionariesOption = new(DictionariesKey, "codespell's dictionary, where it is installed",
        "Comma-separated dictionary files (codespell's `typo->fix` format, relative to the `.editorconfig`) read instead of "
        + "codespell's; `none` keeps DiffLint's own list only.", PerPath: false);

    /// <summary>
    /// Where codespell's dictionary is looked for when no file is configured, the first one found is read:
    /// checkpatch's default path, then Debian's and Ubuntu's <c>codespell</c> package.
    /// </summary>
    public static readonly string[] CodespellPaths =
    [
        "/usr/share/codespell/dictionary.txt",
        "/usr/lib/python3/dist-packages/codespell_lib/data/dictionary.txt",
    ];

    private const string OwnListResource = "DiffLint.Rules.Message.Spelling.common-typos.txt";

    private const string AcceptedWordsResource = "DiffLint.Rules.Message.Spelling.accepted-words.txt";

    /// <summary>
    /// Entries of a dictionary file shorter than this are skipped: codespell's two- and three-letter entries (<c>ot</c>,
    /// <c>fo</c>, <c>nce</c>, <c>ect</c>) are abbreviations and identifiers in code far more often than typos. DiffLint's
    /// own list has no such limit (<c>teh</c>).
    /// </summary>
    private const int MinimumDictionaryTypoLength = 4;

    // Lazy: a dictionary asked for while another thread reads it is waited for, not read twice. One per list of files,
    // the last version read (the files' sizes and modification times): a process that lives on (the hook server) reads a
    // dictionary file again once it changes, and keeps no old one.
    private static readonly ConcurrentDictionary<string, Versioned> Loaded = new(StringComparer.Ordinal);

    private sealed record Versioned(string Version, Lazy<SpellingDictionary> Dictionary);

    // Every entry, phrases included, in an open-addressing table of ranges of the dictionaries' text: read at the first
    // patch of every run (a hook's whole budget is ~100 ms), where a Dictionary<string, string> cost two strings and a
    // hash of each of codespell's 37,000 entries, most of them never looked at again.
    private readonly EntryTable _entries;
    private readonly Dictionary<string, Phrase[]>.AlternateLookup<ReadOnlySpan<char>> _phrasesByFirstWord;

    /// <summary>An entry of several words (<c>an user</c>) and its first fix.</summary>
    private sealed record Phrase(string Text, string Fix);

    /// <summary>
    /// A Bloom filter of the one-word entries, two bits of a <see cref="FullHash"/> in one <c>ulong</c>: most words of a
    /// line (names, keywords, correctly spelled words) miss it and cost no dictionary lookup. Words and entries are
    /// ASCII, so the hash's ASCII case folding agrees with the dictionaries' ordinal case-insensitive comparer: no entry
    /// is missed. 64 KB, where one bit per hash in 128 KB missed the cache on half the words of a line and let through
    /// twice as many words that are no entry.
    /// </summary>
    private readonly ulong[] _words;

    /// <summary>The same for the first words of the few entries of several words (<c>an user</c>), so that a word that starts none costs no phrase lookup.</summary>
    private readonly ulong[] _phraseStarts;

    private const int FilterWordsLog2 = 13;
    private const int FilterWords = 1 << FilterWordsLog2;
    private const int PhraseFilterWordsLog2 = 10;
    private const int PhraseFilterWords = 1 << PhraseFilterWordsLog2;

    /// <summary>
    /// For each pair of first two word characters (<see cref="WordCharCode"/>, the second 0 for a one-letter word), one bit
    /// per length (lengths from 63 on share the last bit) of the words and phrase starts that begin with them. Checked
    /// before a word is hashed: most words of a line (C names, common words) start with a pair no entry of their
    /// length starts with.
    /// </summary>
    private readonly ulong[] _lengthsByFirstPair;

    private SpellingDictionary(EntryTable entries)
    {
        _entries = entries;
        _words = new ulong[FilterWords];
        _phraseStarts = new ulong[PhraseFilterWords];
        _lengthsByFirstPair = new ulong[WordCharCodes * WordCharCodes];
        var phrases = new Dictionary<string, List<Phrase>>(StringComparer.OrdinalIgnoreCase);
        for (var e = 0; e < entries.Count; e++)
        {
            if (!entries.IsLive(e)) continue;
            var typo = entries.TypoOf(e);
            var space = typo.IndexOf(' ');
            if (space < 0)
            {
                Set(_words, FilterWordsLog2, FullHash(typo));
                _lengthsByFirstPair[FirstPair(typo)] |= LengthBit(typo.Length);
                continue;
            }

            var firstWord = typo[..space];
            _lengthsByFirstPair[FirstPair(firstWord)] |= LengthBit(firstWord.Length);
            var key = firstWord.ToString();
            if (!phrases.TryGetValue(key, out var withFirstWord)) phrases[key] = withFirstWord = [];
            withFirstWord.Add(new Phrase(typo.ToString(), entries.FixOf(e)));
            Set(_phraseStarts, PhraseFilterWordsLog2, FullHash(firstWord));
        }

        var phrasesByFirstWord = new Dictionary<string, Phrase[]>(phrases.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (firstWord, withFirstWord) in phrases) phrasesByFirstWord[firstWord] = LongestFirst(withFirstWord);
        _phrasesByFirstWord = phrasesByFirstWord.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>A dictionary as <see cref="SpellingDictionary(EntryTable)"/> made it, read back from the cache.</summary>
    private SpellingDictionary(EntryTable entries, ulong[] words, ulong[] phraseStarts, ulong[] lengthsByFirstPair,
        Dictionary<string, Phrase[]> phrasesByFirstWord)
    {
        (_entries, _words, _phraseStarts, _lengthsByFirstPair) = (entries, words, phraseStarts, lengthsByFirstPair);
        _phrasesByFirstWord = phrasesByFirstWord.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// The phrases from the longest to the shortest, phrases of one length in their order: a stable insertion sort of
    /// the few phrases of one first word, where LINQ's sort by an int key is generic code a precompiled build lacks.
    /// </summary>
    private static Phrase[] LongestFirst(List<Phrase> phrases)
    {
        var sorted = phrases.ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            var phrase = sorted[i];
            var j = i - 1;
            for (; j >= 0 && sorted[j].Text.Length < phrase.Text.Length; j--) sorted[j + 1] = sorted[j];
            sorted[j + 1] = phrase;
        }

        return sorted;
    }

    /// <summary>Sets the two bits of <paramref name="hash"/> in a filter of 2^<paramref name="log2Length"/> <c>ulong</c>s: the hash's top bits choose the <c>ulong</c>.</summary>
    private static void Set(ulong[] filter, int log2Length, uint hash) => filter[hash >> (32 - log2Length)] |= FilterBitsOf(hash);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSet(ulong[] filter, int log2Length, uint hash)
    {
        var bits = FilterBitsOf(hash);
        return (filter[hash >> (32 - log2Length)] & bits) == bits;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong FilterBitsOf(uint hash) => (1UL << (int)(hash & 63)) | (1UL << (int)((hash >> 6) & 63));

    /// <summary>
    /// A multiplicative hash of the text's characters, ASCII letters folded to lower case: equal for texts equal under
    /// <see cref="StringComparison.OrdinalIgnoreCase"/> when they are made of word characters and spaces, as entries are.
    /// Four characters at a time, as one <c>ulong</c>: it runs on most words of every added line, and a multiply per
    /// character made a chain as long as the word.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint FullHash(ReadOnlySpan<char> text)
    {
        const ulong Multiplier = 0x9E3779B97F4A7C15;
        var hash = (ulong)text.Length * Multiplier;
        var k = 0;
        for (; k + 4 <= text.Length; k += 4)
        {
            hash = BitOperations.RotateLeft((hash ^ (MemoryMarshal.Read<ulong>(MemoryMarshal.AsBytes(text.Slice(k, 4))) | FoldCase4)) * Multiplier, 29);
        }

        if (k < text.Length)
        {
            var tail = 0UL;
            for (; k < text.Length; k++) tail = (tail << 16) | FoldCase(text[k]);
            hash = BitOperations.RotateLeft((hash ^ tail) * Multiplier, 29);
        }

        // The high half of a last product: the filters and the table use the low bits.
        return (uint)((hash * Multiplier) >> 32);
    }

    // For the word characters ([A-Za-z0-9_'`-]) setting bit 5 lowers a letter's case and maps nothing else onto another word character.
    private static uint FoldCase(char c) => (uint)c | 0x20;

    /// <summary><see cref="FoldCase"/> for each of four characters read as one <c>ulong</c>.</summary>
    private const ulong FoldCase4 = 0x0020_0020_0020_0020;

    /// <summary>The dictionary for an analysis: the configured files, else codespell's where installed, with DiffLint's list.</summary>
    public static readonly PatchValueProvider<SpellingDictionary> OfAnalysis =
        PatchValueProvider<SpellingDictionary>.FromAnalysis(sink => For(sink.Configuration.EditorConfig));

    // Which files an analysis reads is settled once per settings (the file checks would otherwise run for every patch),
    // and without settings once a second: the hook server's runs are all without settings in a repository without an
    // .editorconfig, and a codespell installed or updated meanwhile is then seen from the next second on.
    private static readonly ConditionalWeakTable<EditorConfigSettings, SpellingDictionary> BySettings = new();
    private static Settled? s_withoutSettings;

    private sealed record Settled(long At, SpellingDictionary Dictionary);

    private static SpellingDictionary For(EditorConfigSettings? settings) =>
        settings is null ? WithoutSettings() : BySettings.GetValue(settings, s => Of(ConfiguredFiles(s)));

    private static SpellingDictionary WithoutSettings()
    {
        var now = Environment.TickCount64;
        if (Volatile.Read(ref s_withoutSettings) is { } settled && now - settled.At < 1000) return settled.Dictionary;
        var dictionary = Of(ConfiguredFiles(null));
        Volatile.Write(ref s_withoutSettings, new Settled(now, dictionary));
        return dictionary;
    }

    private static SpellingDictionary Of(IReadOnlyList<string> files)
    {
        var version = Version(files);
        var loaded = Loaded.AddOrUpdate(string.Join('\n', files),
            static (_, state) => new Versioned(state.version, new Lazy<SpellingDictionary>(() => Load(state.files))),
            static (_, held, state) => held.Version == state.version ? held : new Versioned(state.version, new Lazy<SpellingDictionary>(() => Load(state.files))),
            (version, files));
        return loaded.Dictionary.Value;
    }

    /// <summary>The files' <see cref="Stamp"/>; "" when one cannot be read, which <see cref="Load(IReadOnlyList{string})"/> then reports.</summary>
    private static string Version(IReadOnlyList<string> files)
    {
        try
        {
            return Stamp(files, out _);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return "";
        }
    }

    /// <summary>
    /// Each file's full path, size and modification time, a line each: what tells one version of the files from another
    /// (for the dictionaries kept in this process and the one kept in the cache file). Throws when a file cannot be read.
    /// </summary>
    private static string Stamp(IReadOnlyList<string> files, out long length)
    {
        var stamp = new StringBuilder();
        length = 0;
        foreach (var file in files)
        {
            var info = new FileInfo(file);
            length += info.Length;
            stamp.Append(info.FullName).Append('\n').Append(info.Length).Append('\n').Append(info.LastWriteTimeUtc.Ticks).Append('\n');
        }

        return stamp.ToString();
    }

    /// <summary>
    /// Starts reading the dictionary an analysis without settings uses (codespell's, the one a repository's
    /// .editorconfig nearly always leaves in place) on the table-loading thread. Reading its 37,000 entries is the
    /// largest part of a hook's start: done meanwhile, it overlaps with reading and decoding the mail on another core.
    /// </summary>
    public static void StartLoading()
    {
        if (Interlocked.Exchange(ref s_loadingStarted, 1) == 0) TableLoading.Queue(static () => _ = WithoutSettings());
    }

    private static int s_loadingStarted;

    /// <summary>The files to read: those configured (relative to the .editorconfig root), else the first codespell dictionary found.</summary>
    private static IReadOnlyList<string> ConfiguredFiles(EditorConfigSettings? settings)
    {
        var value = settings?.GlobalOption(DictionariesKey)?.Trim();
        if (string.IsNullOrEmpty(value)) return CodespellPaths.FirstOrDefault(File.Exists) is { } found ? [found] : [];
        if (value.Equals("none", StringComparison.OrdinalIgnoreCase)) return [];
        return [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => Path.GetFullPath(Path.Combine(settings!.Root, p)))
            .Where(File.Exists)];
    }

    private static SpellingDictionary Load(IReadOnlyList<string> files) => Load(files, Cache.DefaultFolder());

    /// <summary>Reads the dictionary of <paramref name="files"/> and DiffLint's list, through the cache in <paramref name="cacheFolder"/> (none: null).</summary>
    internal static SpellingDictionary Load(IReadOnlyList<string> files, string? cacheFolder)
    {
        var cache = cacheFolder is null ? null : Cache.For(files, cacheFolder);
        if (cache?.Read() is { } cached) return cached;
        var texts = new string[files.Count + 1];
        for (var f = 0; f < files.Count; f++) texts[f] = File.ReadAllText(files[f]);
        texts[^1] = ResourceText(OwnListResource);
        var entries = new EntryTable(texts);
        for (var t = 0; t < texts.Length; t++) Read(entries, t, t < files.Count ? MinimumDictionaryTypoLength : 1);
        var accepted = new LineReader(ResourceText(AcceptedWordsResource));
        while (accepted.TryRead(out var word))
        {
            if (word.Length > 0 && word[0] != '#') entries.Remove(word.Trim());
        }

        var dictionary = new SpellingDictionary(entries);
        cache?.Write(dictionary);
        return dictionary;
    }

    /// <summary>
    /// Reads the codespell lines of text <paramref name="text"/>: <c>typo-&gt;fix1, fix2,</c> keeps the first fix; lines
    /// marked <c>disabled</c>, comments and entries that cannot be a run of words (<c>aren;t</c>) are skipped. A later
    /// text overrides an earlier one.
    /// </summary>
    private static void Read(EntryTable entries, int text, int minimumLength)
    {
        var lines = new LineReader(entries.Text(text));
        while (lines.TryRead(out var raw))
        {
            var line = raw.Trim();
            if (line.IsEmpty || line[0] == '#' || IgnoreCaseSearch.Contains(line, ", disabled")) continue;
            var arrow = line.IndexOf("->", StringComparison.Ordinal);
            if (arrow <= 0) continue;
            var typo = line[..arrow].Trim();
            var fix = line[(arrow + 2)..];
            var comma = fix.IndexOf(',');
            if (comma >= 0) fix = fix[..comma];
            fix = fix.Trim();
            if (fix.IsEmpty || typo.Length < minimumLength || !IsWordRun(typo)) continue;
            entries.Set(text, typo, fix);
        }
    }

    private static string ResourceText(string name)
    {
        using var stream = typeof(SpellingDictionary).Assembly.GetManifestResourceStream(name)
                           ?? throw new InvalidOperationException($"missing resource {name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The lines of a text as <see cref="TextReader.ReadLine"/> cuts them (at LF, CR or CRLF), without a string per line.</summary>
    private ref struct LineReader(string text)
    {
        private ReadOnlySpan<char> _rest = text;
        private bool _done = text.Length == 0;

        public bool TryRead(out ReadOnlySpan<char> line)
        {
            if (_done)
            {
                line = default;
                return false;
            }

            var end = _rest.IndexOfAny('\r', '\n');
            if (end < 0)
            {
                line = _rest;
                _done = true;
                return true;
            }

            line = _rest[..end];
            var next = end + (_rest[end] == '\r' && end + 1 < _rest.Length && _rest[end + 1] == '\n' ? 2 : 1);
            _rest = _rest[next..];
            _done = _rest.IsEmpty;
            return true;
        }
    }

    /// <summary>
    /// Finds the next misspelling in <paramref name="text"/> at or after <paramref name="position"/>, which is moved
    /// past it. Allocation-free: it runs on every added line.
    /// </summary>
    /// <remarks>
    /// The text is read 64 characters at a time as a bitmask of its word characters (<see cref="CharacterMask"/>):
    /// the words that start in those 64 characters are its bits that follow a clear bit, found with bit scans, and a
    /// word's end is the next clear bit: no branch per character, which mispredicts at every word boundary. The last
    /// vector of a short line overlaps the one before instead of a scalar loop over the rest (added lines average about
    /// 30 characters).
    /// </remarks>
    public bool TryFindNext(ReadOnlySpan<char> text, ref int position, out int start, out int length, out string fix)
    {
        // A search starts at a text's start or where a match ended, before a character that is not a word character.
        var wordBefore = false;
        for (var chunk = position; chunk < text.Length; chunk += 64)
        {
            var mask = CharacterMask.Of<WordCharacter>(text[chunk..]);
            var starts = mask & ~((mask << 1) | (wordBefore ? 1UL : 0));
            wordBefore = (long)mask < 0;
            while (starts != 0)
            {
                var wordStart = chunk + BitOperations.TrailingZeroCount(starts);
                starts &= starts - 1;
                var wordEnd = wordStart + BitOperations.TrailingZeroCount(~mask >> (wordStart - chunk));
                if (wordEnd >= chunk + 64)
                {
                    // The word goes on past these 64 characters.
                    wordEnd = chunk + 64;
                    while (wordEnd < text.Length && IsWordChar(text[wordEnd])) wordEnd++;
                }

                // Most words start with a pair of characters that starts no entry of their length: no hash, no call.
                var word = text[wordStart..wordEnd];
                if ((_lengthsByFirstPair[FirstPair(word)] & LengthBit(word.Length)) == 0) continue;
                if (IsMisspelling(text, wordStart, wordEnd, out var matchEnd, out fix))
                {
                    (position, start, length) = (matchEnd, wordStart, matchEnd - wordStart);
                    return true;
                }
            }
        }

        (position, start, length, fix) = (text.Length, 0, 0, "");
        return false;
    }

    /// <summary>
    /// Whether the word <c>text[wordStart..wordEnd]</c>, or a phrase it starts, is an entry; <paramref name="matchEnd"/>
    /// is where the entry found ends.
    /// </summary>
    private bool IsMisspelling(ReadOnlySpan<char> text, int wordStart, int wordEnd, out int matchEnd, out string fix)
    {
        var word = text[wordStart..wordEnd];
        (matchEnd, fix) = (wordEnd, "");
        var fullHash = FullHash(word);
        var isWord = IsSet(_words, FilterWordsLog2, fullHash);
        var startsPhrase = IsSet(_phraseStarts, PhraseFilterWordsLog2, fullHash);
        if (!(isWord || startsPhrase) || IsMixedCase(word)) return false;
        if (startsPhrase && _phrasesByFirstWord.TryGetValue(word, out var phrases))
        {
            foreach (var phrase in phrases)
            {
                var end = wordStart + phrase.Text.Length;
                if (!text[wordStart..].StartsWith(phrase.Text, StringComparison.OrdinalIgnoreCase) || (end < text.Length && IsWordChar(text[end]))) continue;
                (matchEnd, fix) = (end, phrase.Fix);
                return true;
            }
        }

        if (!isWord || _entries.Find(word, fullHash) is not (>= 0 and var entry)) return false;
        fix = _entries.FixOf(entry);
        return true;
    }

    /// <summary>The characters of a word: ASCII letters, digits, <c>_ - ' `</c> (as <see cref="IsWordChar"/>).</summary>
    private readonly struct WordCharacter : ICharacterClass
    {
        public static bool Contains(char c) => IsWordChar(c);

        // Inlined into CharacterMask.Of by request: the JIT left this many operations a call per 8 characters.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<ushort> Contains(Vector128<ushort> chars)
        {
            var letter = Vector128.LessThanOrEqual((chars | Vector128.Create((ushort)0x20)) - Vector128.Create((ushort)'a'), Vector128.Create((ushort)25));
            var digit = Vector128.LessThanOrEqual(chars - Vector128.Create((ushort)'0'), Vector128.Create((ushort)9));
            var other = Vector128.Equals(chars, Vector128.Create((ushort)'_')) | Vector128.Equals(chars, Vector128.Create((ushort)'-'))
                        | Vector128.Equals(chars, Vector128.Create((ushort)'\'')) | Vector128.Equals(chars, Vector128.Create((ushort)'`'));
            return letter | digit | other;
        }
    }

    /// <summary>The fix in the typo's case, as checkpatch writes it: <c>Adresses</c> → <c>Addresses</c>, <c>UPTO</c> → <c>UP TO</c>.</summary>
    public static string MatchCase(ReadOnlySpan<char> typo, string fix)
    {
        if (typo.IsEmpty || !char.IsAsciiLetterUpper(typo[0])) return fix;
        foreach (var c in typo)
        {
            if (!char.IsAsciiLetterUpper(c)) return char.ToUpperInvariant(fix[0]) + fix[1..];
        }

        return fix.ToUpperInvariant();
    }

    /// <summary><c>SoM</c>, <c>CoNEXT</c>, <c>camelCase</c>: a capital after a small letter makes a name, not a misspelled word.</summary>
    private static bool IsMixedCase(ReadOnlySpan<char> word)
    {
        for (var k = 1; k < word.Length; k++)
        {
            if (char.IsAsciiLetterUpper(word[k]) && char.IsAsciiLetterLower(word[k - 1])) return true;
        }

        return false;
    }

    private static bool IsWordRun(ReadOnlySpan<char> typo)
    {
        if (typo.IsEmpty || typo[0] == ' ' || typo[^1] == ' ') return false;
        for (var k = 0; k < typo.Length; k++)
        {
            if (typo[k] == ' ' ? typo[k - 1] == ' ' : !IsWordChar(typo[k])) return false;
        }

        return true;
    }

    /// <summary>checkpatch's word boundary: anything but <c>[\w\-'`]</c> ends a word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsWordChar(char c) => c < 128 && WordCharCode[c] != 0;

    /// <summary>The word characters, the capitals before the small letters (<see cref="BuildWordCharCodes"/> relies on it).</summary>

    private const string WordCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'`";

    /// <summary>Codes of the word characters, 1 to 40, a letter's two cases alike; 0 for any other character.</summary>
    private static readonly byte[] WordCharCode = BuildWordCharCodes();

    /// <summary>The codes of <see cref="WordCharCode"/>, 0 included.</summary>
    private const int WordCharCodes = 41;

    private static byte[] BuildWordCharCodes()
    {
        var codes = new byte[128];
        byte next = 0;
        foreach (var c in WordCharacters)
        {
            if (char.IsAsciiLetterLower(c)) codes[c] = codes[char.ToUpperInvariant(c)];
            else codes[c] = ++next;
        }

        return codes;
    }

    /// <summary>The index into <see cref="_lengthsByFirstPair"/> of a word (of word characters only, not empty).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FirstPair(ReadOnlySpan<char> word) =>
        WordCharCode[word[0]] * WordCharCodes + (word.Length > 1 ? WordCharCode[word[1]] : 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong LengthBit(int length) => 1UL << Math.Min(length, 63);

    /// <summary>
    /// The entries: each a typo and its first fix as ranges of the texts they were read from, in an open-addressing
    /// table keyed by the typo (compared as <see cref="StringComparison.OrdinalIgnoreCase"/>, hashed by <see cref="FullHash"/>).
    /// A typo set again keeps its place and takes the new fix, as a Dictionary's indexer does.
    /// </summary>
    private sealed class EntryTable
    {
        private readonly string[] _texts;
        private Entry[] _entries;
        private int[] _slots; // an entry's index + 1; 0 for an empty slot

        public EntryTable(string[] texts)
        {
            _texts = texts;
            var characters = 0;
            foreach (var text in texts) characters += text.Length;
            // codespell's lines average 22 characters.
            _entries = new Entry[Math.Max(16, characters / 20)];
            _slots = new int[(int)BitOperations.RoundUpToPowerOf2((uint)_entries.Length * 2)];
        }

        /// <summary>A table as it was (<see cref="Texts"/>, <see cref="Entries"/>, <see cref="Slots"/>), read back from the cache.</summary>
        public EntryTable(string[] texts, Entry[] entries, int[] slots)
        {
            (_texts, _entries, _slots, Count) = (texts, entries, slots, entries.Length);
        }

        public IReadOnlyList<string> Texts => _texts;

        /// <summary>The entries set, in the order they were first set.</summary>
        public ReadOnlySpan<Entry> Entries => _entries.AsSpan(0, Count);

        public ReadOnlySpan<int> Slots => _slots;

        internal struct Entry
        {
            public int TypoText, TypoStart, TypoLength, FixText, FixStart, FixLength;
            public uint Hash;
            public bool Removed;
        }

        /// <summary>The entries set so far, removed ones included (<see cref="IsLive"/>), in the order they were first set.</summary>
        public int Count { get; private set; }

        public string Text(int text) => _texts[text];

        public bool IsLive(int entry) => !_entries[entry].Removed;

        public ReadOnlySpan<char> TypoOf(int entry)
        {
            ref readonly var e = ref _entries[entry];
            return _texts[e.TypoText].AsSpan(e.TypoStart, e.TypoLength);
        }

        public string FixOf(int entry)
        {
            ref readonly var e = ref _entries[entry];
            return _texts[e.FixText].Substring(e.FixStart, e.FixLength);
        }

        /// <summary>Sets <paramref name="typo"/>'s fix; both are parts of text <paramref name="text"/>.</summary>
        public void Set(int text, ReadOnlySpan<char> typo, ReadOnlySpan<char> fix)
        {
            var hash = FullHash(typo);
            _texts[text].AsSpan().Overlaps(fix, out var fixStart);
            var slot = SlotOf(typo, hash);
            if (_slots[slot] != 0)
            {
                ref var known = ref _entries[_slots[slot] - 1];
                (known.FixText, known.FixStart, known.FixLength, known.Removed) = (text, fixStart, fix.Length, false);
                return;
            }

            if (Count == _entries.Length) Array.Resize(ref _entries, Count * 2);
            _texts[text].AsSpan().Overlaps(typo, out var typoStart);
            _entries[Count] = new Entry
            {
                TypoText = text, TypoStart = typoStart, TypoLength = typo.Length, FixText = text, FixStart = fixStart, FixLength = fix.Length, Hash = hash,
            };
            _slots[slot] = ++Count;
            if (Count * 2 > _slots.Length) Grow();
        }

        /// <summary>Removes <paramref name="typo"/>'s entry, if there is one.</summary>
        public void Remove(ReadOnlySpan<char> typo)
        {
            if (Find(typo, FullHash(typo)) is >= 0 and var entry) _entries[entry].Removed = true;
        }

        /// <summary>The entry of <paramref name="typo"/> (whose <see cref="FullHash"/> is <paramref name="hash"/>), or -1.</summary>
        public int Find(ReadOnlySpan<char> typo, uint hash)
        {
            var slot = SlotOf(typo, hash);
            var entry = _slots[slot] - 1;
            return entry >= 0 && !_entries[entry].Removed ? entry : -1;
        }

        /// <summary>The slot that holds <paramref name="typo"/>, or the empty slot where it would go.</summary>
        private int SlotOf(ReadOnlySpan<char> typo, uint hash)
        {
            var mask = _slots.Length - 1;
            for (var slot = (int)(hash & (uint)mask); ; slot = (slot + 1) & mask)
            {
                var entry = _slots[slot] - 1;
                if (entry < 0) return slot;
                ref readonly var e = ref _entries[entry];
                if (e.Hash == hash && e.TypoLength == typo.Length
                    && _texts[e.TypoText].AsSpan(e.TypoStart, e.TypoLength).Equals(typo, StringComparison.OrdinalIgnoreCase)) return slot;
            }
        }

        private void Grow()
        {
            _slots = new int[_slots.Length * 2];
            var mask = _slots.Length - 1;
            for (var entry = 0; entry < Count; entry++)
            {
                var slot = (int)(_entries[entry].Hash & (uint)mask);
                while (_slots[slot] != 0) slot = (slot + 1) & mask;
                _slots[slot] = entry + 1;
            }
        }
    }
}
