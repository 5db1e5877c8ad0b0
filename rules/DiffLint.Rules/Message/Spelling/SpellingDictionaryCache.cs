using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace DiffLint.Rules.Message.Spelling;

public sealed partial class SpellingDictionary
{
    /// <summary>
    /// A dictionary read from large files kept, as made, in <c>$XDG_CACHE_HOME/difflint/spelling-dictionary.bin</c>
    /// (else <c>~/.cache/difflint/</c>): reading codespell's 37,000 lines and making their table took a hook's run
    /// 10-13 ms of CPU, every run, for the same table; reading it back takes a fraction of that. One file: it holds the
    /// last dictionary made, and is used only when made from the same files (path, size and modification time) by the
    /// same DiffLint.Rules build (its module id, which changes with the code and the built-in lists). A cache that
    /// cannot be read, or written, is simply not used: the files are read as without it.
    /// </summary>
    private sealed class Cache(string path, Guid build, string key)
    {
        /// <summary>Smaller dictionaries (a project's short list) are quicker to read than a cache.</summary>
        private const long MinimumBytes = 64 * 1024;

        private const int Magic = 0x4c505344; // "DSPL"

        /// <summary>The cache in <paramref name="folder"/> for a dictionary read from <paramref name="files"/>; null when they are too small to be worth one.</summary>
        public static Cache? For(IReadOnlyList<string> files, string folder)
        {
            try
            {
                var key = Stamp(files, out var length);
                return length >= MinimumBytes ? new Cache(Path.Combine(folder, "spelling-dictionary.bin"), typeof(SpellingDictionary).Module.ModuleVersionId, key) : null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return null;
            }
        }

        /// <summary><c>$XDG_CACHE_HOME/difflint</c>, else <c>~/.cache/difflint</c>; null without a home folder.</summary>
        public static string? DefaultFolder()
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (!string.IsNullOrEmpty(xdg) && Path.IsPathFullyQualified(xdg)) return Path.Combine(xdg, "difflint");
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".cache", "difflint");
        }

        /// <summary>The dictionary the cache holds for these files, or null (none, another one, or unreadable).</summary>
        public SpellingDictionary? Read()
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 12);
                using var reader = new BinaryReader(stream, Encoding.UTF8);
                // The build's id as 16 bytes: formatting it as text was the slowest part of checking the key.
                if (reader.ReadInt32() != Magic || new Guid(reader.ReadBytes(16)) != build || reader.ReadString() != key) return null;
                var texts = new string[Length(reader, 4)];
                for (var t = 0; t < texts.Length; t++) texts[t] = string.Create(Length(reader, sizeof(char)), stream, static (text, from) => from.ReadExactly(MemoryMarshal.AsBytes(text)));
                var entries = ReadArray<EntryTable.Entry>(reader);
                var slots = ReadArray<int>(reader);
                var words = ReadArray<ulong>(reader);
                var phraseStarts = ReadArray<ulong>(reader);
                var lengthsByFirstPair = ReadArray<ulong>(reader);
                var phraseCount = Length(reader, 1);
                var phrases = new Dictionary<string, Phrase[]>(phraseCount, StringComparer.OrdinalIgnoreCase);
                for (var f = 0; f < phraseCount; f++)
                {
                    var firstWord = reader.ReadString();
                    var withFirstWord = new Phrase[Length(reader, 1)];
                    for (var p = 0; p < withFirstWord.Length; p++) withFirstWord[p] = new Phrase(reader.ReadString(), reader.ReadString());
                    phrases[firstWord] = withFirstWord;
                }

                if (stream.Position != stream.Length || words.Length != FilterWords || phraseStarts.Length != PhraseFilterWords
                    || lengthsByFirstPair.Length != WordCharCodes * WordCharCodes || !IsWellFormed(texts, entries, slots)) return null;
                return new SpellingDictionary(new EntryTable(texts, entries, slots), words, phraseStarts, lengthsByFirstPair, phrases);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or FormatException or InvalidDataException)
            {
                return null;
            }
        }

        /// <summary>Writes <paramref name="dictionary"/> to a file of its own, then puts it in place at once: a reader never sees half of one.</summary>
        public void Write(SpellingDictionary dictionary)
        {
            var temporary = $"{path}.{Environment.ProcessId}.tmp";
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
                using (var writer = new BinaryWriter(stream, Encoding.UTF8))
                {
                    writer.Write(Magic);
                    writer.Write(build.ToByteArray());
                    writer.Write(key);
                    var table = dictionary._entries;
                    writer.Write(table.Texts.Count);
                    foreach (var text in table.Texts)
                    {
                        writer.Write(text.Length);
                        writer.Write(MemoryMarshal.AsBytes(text.AsSpan()));
                    }

                    WriteArray(writer, table.Entries);
                    WriteArray(writer, table.Slots);
                    WriteArray<ulong>(writer, dictionary._words);
                    WriteArray<ulong>(writer, dictionary._phraseStarts);
                    WriteArray<ulong>(writer, dictionary._lengthsByFirstPair);
                    var phrases = dictionary._phrasesByFirstWord.Dictionary;
                    writer.Write(phrases.Count);
                    foreach (var (firstWord, withFirstWord) in phrases)
                    {
                        writer.Write(firstWord);
                        writer.Write(withFirstWord.Length);
                        foreach (var phrase in withFirstWord)
                        {
                            writer.Write(phrase.Text);
                            writer.Write(phrase.Fix);
                        }
                    }
                }

                File.Move(temporary, path, overwrite: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                try
                {
                    File.Delete(temporary);
                }
                catch (Exception again) when (again is IOException or UnauthorizedAccessException)
                {
                    // Left behind: the next write of the same process id replaces it.
                }
            }
        }

        private static T[] ReadArray<T>(BinaryReader reader) where T : unmanaged
        {
            var array = new T[Length(reader, Unsafe.SizeOf<T>())];
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(array.AsSpan()));
            return array;
        }

        /// <summary>A count read from the file, of items of at least <paramref name="itemBytes"/> bytes each: no more than the rest of the file holds.</summary>
        private static int Length(BinaryReader reader, int itemBytes)
        {
            var length = reader.ReadInt32();
            var left = reader.BaseStream.Length - reader.BaseStream.Position;
            return length >= 0 && (long)length * itemBytes <= left ? length : throw new InvalidDataException("damaged spelling dictionary cache");
        }

        private static void WriteArray<T>(BinaryWriter writer, ReadOnlySpan<T> array) where T : unmanaged
        {
            writer.Write(array.Length);
            writer.Write(MemoryMarshal.AsBytes(array));
        }

        /// <summary>Whether every entry's ranges lie in its texts and every slot names an entry (or none): a damaged file is not used.</summary>
        private static bool IsWellFormed(string[] texts, EntryTable.Entry[] entries, int[] slots)
        {
            if (slots.Length == 0 || (slots.Length & (slots.Length - 1)) != 0) return false;
            foreach (var slot in slots)
            {
                if ((uint)slot > (uint)entries.Length) return false;
            }

            foreach (var e in entries)
            {
                if (!Within(e.TypoText, e.TypoStart, e.TypoLength) || !Within(e.FixText, e.FixStart, e.FixLength)) return false;
            }

            return true;

            bool Within(int text, int start, int length) =>
                (uint)text < (uint)texts.Length && start >= 0 && length >= 0 && (long)start + length <= texts[text].Length;
        }
    }
}
