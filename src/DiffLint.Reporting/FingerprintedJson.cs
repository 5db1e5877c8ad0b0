using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DiffLint.Reporting.Sarif;

namespace DiffLint.Reporting;

/// <summary>
/// JSON written as the reports come, whose findings carry <c>difflint/v1</c> fingerprints: a finding's fingerprint
/// counts the findings with the same rule, path and text before it in line order over the whole run
/// (<see cref="SarifFingerprint"/>), so it is known only at the end. The JSON goes to a temporary file with a
/// placeholder for each fingerprint; <see cref="CopyTo"/> writes it out with the fingerprints in their place. What stays
/// in memory per finding is its key's number and its line (and each distinct key once).
/// </summary>
internal sealed class FingerprintedJson : IDisposable
{
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private const int PlaceholderLength = 32;

    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly FileStream _spill;

    /// <summary>A run's own prefix for its placeholders: no input can guess it, so no text of the input is taken for one.</summary>
    private readonly string _nonce = Guid.NewGuid().ToString("N")[..16];

    private readonly Dictionary<(string Rule, string Path, string Text), int> _keys = [];
    private readonly List<(string Rule, string Path, string Text)> _keyList = [];
    private readonly List<(int Key, int Line)> _findings = [];

    /// <summary>Where each placeholder is in the temporary file, with what replaces it (a finding, or a text known at the end).</summary>
    private readonly List<(long Offset, int Length, int Finding, Func<string>? Text)> _holes = [];

    private readonly List<(string Placeholder, int Finding, Func<string>? Text)> _unplaced = [];

    public FingerprintedJson()
    {
        _spill = new FileStream(Path.Combine(Path.GetTempPath(), $"difflint-{Guid.NewGuid():N}.json"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        Json = new Utf8JsonWriter(_buffer, WriterOptions);
    }

    public Utf8JsonWriter Json { get; }

    /// <summary>The placeholder to write where the fingerprint of a finding with this key goes.</summary>
    public string Fingerprint((string Rule, string Path, string Text, int Line) key)
    {
        var triple = (key.Rule, key.Path, key.Text);
        if (!_keys.TryGetValue(triple, out var number))
        {
            _keys[triple] = number = _keyList.Count;
            _keyList.Add(triple);
        }

        _findings.Add((number, key.Line));
        return Hole(_findings.Count - 1, null);
    }

    /// <summary>The placeholder of a value known only at the end (written raw, as given).</summary>
    public string Later(Func<string> text) => Hole(-1, text);

    private string Hole(int finding, Func<string>? text)
    {
        var placeholder = _nonce + (_holes.Count + _unplaced.Count).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        _unplaced.Add((placeholder, finding, text));
        return placeholder;
    }

    /// <summary>Moves what was written so far to the temporary file, noting where its placeholders are.</summary>
    public void Flush()
    {
        Json.Flush();
        var written = _buffer.WrittenSpan;
        var placed = new List<(long Offset, int Length, int Finding, Func<string>? Text)>(_unplaced.Count);
        foreach (var (placeholder, finding, text) in _unplaced)
        {
            var at = written.IndexOf(Encoding.ASCII.GetBytes(placeholder));
            if (at < 0) throw new InvalidOperationException("a placeholder was not written");
            placed.Add((_spill.Position + at, PlaceholderLength, finding, text));
        }

        _holes.AddRange(placed.OrderBy(h => h.Offset));
        _unplaced.Clear();
        _spill.Write(written);
        _buffer.ResetWrittenCount();
    }

    /// <summary>Writes what was written, with the fingerprints, to <paramref name="writer"/>, from byte <paramref name="skip"/> on.</summary>
    public void CopyTo(TextWriter writer, int skip = 0)
    {
        Flush();
        var fingerprints = Fingerprints();
        _spill.Position = skip;
        var decoder = new UTF8Encoding(false).GetDecoder();
        var bytes = new byte[1 << 16];
        var chars = new char[bytes.Length + 1];
        long position = skip;
        var next = 0;
        while (true)
        {
            if (next < _holes.Count && position == _holes[next].Offset)
            {
                var hole = _holes[next++];
                writer.Write(hole.Text is { } text ? text() : fingerprints[hole.Finding]);
                _spill.Seek(hole.Length, SeekOrigin.Current);
                position += hole.Length;
                continue;
            }

            var limit = next < _holes.Count ? _holes[next].Offset - position : bytes.Length;
            var read = _spill.Read(bytes, 0, (int)Math.Min(bytes.Length, limit));
            if (read == 0) break;
            position += read;
            var count = decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
            writer.Write(chars, 0, count);
        }
    }

    /// <summary>Each finding's fingerprint, as <see cref="SarifFingerprint.ComputeAll"/> numbers them.</summary>
    private string[] Fingerprints()
    {
        var result = new string[_findings.Count];
        var order = Enumerable.Range(0, _findings.Count).OrderBy(i => _findings[i].Key).ThenBy(i => _findings[i].Line);
        var seen = new int[_keyList.Count];
        foreach (var i in order)
        {
            var key = _keyList[_findings[i].Key];
            result[i] = SarifFingerprint.Compute(key.Rule, key.Path, key.Text, seen[_findings[i].Key]++);
        }

        return result;
    }

    public void Dispose()
    {
        Json.Dispose();
        _spill.Dispose();
    }
}
