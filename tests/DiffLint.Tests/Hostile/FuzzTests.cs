using System.Diagnostics;
using System.Text;
using System.Text.Json;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;
using DiffLint.Core.Reading;
using DiffLint.Rules;
using Xunit.Abstractions;

namespace DiffLint.Tests.Hostile;

/// <summary>
/// A seeded mutator over the shared corpus: each input is a corpus patch (or Patchwork JSON) damaged by one to three
/// mutations, read and analysed as the CLI does. No input may end in an internal error (DL9001/DL9002, the CLI's exit
/// 3) or an exception, take longer than a generous time bound, or allocate out of proportion to its size.
/// A few hundred inputs by default (a few seconds); <c>DIFFLINT_FUZZ_COUNT=100000</c> runs more,
/// <c>DIFFLINT_FUZZ_SEED</c> picks another sequence, <c>DIFFLINT_FUZZ_LOG=FILE</c> appends progress and each failure to FILE
/// as they happen (for a long run). Failing inputs are written to a temporary folder to replay.
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    private const int DefaultCount = 60;

    /// <summary>Per input: a stall shows as minutes, a slow machine as a second or two.</summary>
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(20);

    /// <summary>An input still running after this is a hang: the run stops there.</summary>
    private static readonly TimeSpan HangBound = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Bytes allocated (not held) per byte of input, on top of <see cref="AllocationAllowance"/>: an ordinary patch costs far
    /// less; a megabyte line with an operator on every other character, whose findings the sink counts but does not keep, about half.
    /// </summary>
    private const long AllocationPerByte = 1000;

    private const long AllocationAllowance = 256L << 20;

    [SharedFact]
    public void DamagedInputsNeverFailInternally()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("DIFFLINT_FUZZ_COUNT"), out var n) && n > 0 ? n : DefaultCount;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("DIFFLINT_FUZZ_SEED"), out var s) ? s : 15;
        var seeds = Seeds();
        Assert.NotEmpty(seeds);

        var engine = new AnalysisEngine(BuiltInRules.All);
        var random = new Random(seed);
        var failures = new List<string>();
        var failureFolder = Path.Combine(Path.GetTempPath(), $"difflint-fuzz-{seed}");
        var slowest = TimeSpan.Zero;
        var slowestName = "";
        long totalBytes = 0;
        var log = Environment.GetEnvironmentVariable("DIFFLINT_FUZZ_LOG") is { Length: > 0 } logPath ? new StreamWriter(logPath, append: true) { AutoFlush = true } : null;
        var clock = Stopwatch.StartNew();
        var ran = 0;
        for (var i = 0; i < count && failures.Count < 100; i++)
        {
            ran++;
            var original = seeds[random.Next(seeds.Count)];
            var mutations = new List<string>();
            var input = original.Bytes;
            var rounds = 1 + random.Next(3);
            for (var r = 0; r < rounds; r++)
            {
                var mutator = Mutators[random.Next(Mutators.Length)];
                mutations.Add(mutator.Name);
                input = mutator.Apply(input, random);
            }

            totalBytes += input.Length;
            var name = $"{i}: {original.Name} + {string.Join(" + ", mutations)}";
            // On a task, so that a hang shows as a failure instead of stopping the run.
            var elapsed = TimeSpan.Zero;
            var check = Task.Run(() => Check(engine, input, out elapsed));
            var failure = check.Wait(HangBound) ? check.Result : $"hang: still running after {HangBound.TotalSeconds:F0} s";
            if (!check.IsCompleted)
            {
                Directory.CreateDirectory(failureFolder);
                File.WriteAllBytes(Path.Combine(failureFolder, $"input-{i}.bin"), input);
                failures.Add($"{name}: {failure}");
                log?.WriteLine("FAILED " + failures[^1]);
                break;
            }

            if (elapsed > slowest) (slowest, slowestName) = (elapsed, name);
            if ((i + 1) % 1000 == 0) log?.WriteLine($"{i + 1} inputs, {totalBytes / 1e6:F1} MB, {clock.Elapsed.TotalSeconds:F0} s, {failures.Count} failures; slowest {slowest.TotalMilliseconds:F0} ms: {slowestName}");
            if (failure is null) continue;

            Directory.CreateDirectory(failureFolder);
            var file = Path.Combine(failureFolder, $"input-{i}.bin");
            File.WriteAllBytes(file, input);
            failures.Add($"{name} ({input.Length} bytes, {file}): {failure}");
            log?.WriteLine("FAILED " + failures[^1]);
        }

        log?.WriteLine($"done: {ran} of {count} inputs, {failures.Count} failures, {clock.Elapsed.TotalSeconds:F0} s; slowest {slowest.TotalMilliseconds:F0} ms: {slowestName}");
        log?.Dispose();

        output.WriteLine($"{ran} of {count} inputs (seed {seed}), {totalBytes / 1e6:F1} MB in {clock.Elapsed.TotalSeconds:F1} s; slowest {slowest.TotalMilliseconds:F0} ms: {slowestName}");
        foreach (var failure in failures) output.WriteLine(failure);
        Assert.True(failures.Count == 0, $"{failures.Count} damaged input(s) failed:\n{string.Join('\n', failures)}");
    }

    /// <summary>Null when the input was read and analysed cleanly, else what went wrong.</summary>
    private static string? Check(AnalysisEngine engine, byte[] input, out TimeSpan elapsed)
    {
        var failuresBefore = engine.RuleFailures;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        try
        {
            // One thread: the whole run happens on this one, so its allocations are this input's.
            var runner = new DiffLintRunner(engine, new RunOptions { DegreeOfParallelism = 1, StandardInput = () => new MemoryStream(input) });
            var result = runner.Run([new InputSource("-", null, 0)]);
            elapsed = Stopwatch.GetElapsedTime(start);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            var internalDiagnostics = result.AllDiagnostics.Where(d => d.Rule.Id is "DL9001" or "DL9002").Select(d => d.Message).ToList();
            if (result.InternalErrors > 0 || engine.RuleFailures != failuresBefore)
                return $"internal error: {string.Join("; ", internalDiagnostics.DefaultIfEmpty($"{result.InternalErrors} internal error(s)"))}";
            if (elapsed > TimeBound) return $"took {elapsed.TotalSeconds:F1} s";
            if (allocated > AllocationAllowance + AllocationPerByte * input.Length) return $"allocated {allocated >> 20} MB";
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            elapsed = Stopwatch.GetElapsedTime(start);
            return $"exception: {ex}";
        }
    }

    private sealed record Seed(string Name, byte[] Bytes);

    /// <summary>The corpus's one-patch files and mboxes' first megabyte, and the repository's Patchwork JSON examples.</summary>
    private static List<Seed> Seeds()
    {
        var seeds = new List<Seed>();
        foreach (var folder in Directory.EnumerateDirectories(TestPaths.Corpus).Order(StringComparer.Ordinal))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.patch").Order(StringComparer.Ordinal).Take(40))
                seeds.Add(new Seed(Path.GetRelativePath(TestPaths.Corpus, file), File.ReadAllBytes(file)));
        }

        foreach (var file in Directory.EnumerateFiles(TestPaths.TestData, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (file.Contains("patchwork", StringComparison.OrdinalIgnoreCase))
                seeds.Add(new Seed(Path.GetRelativePath(TestPaths.TestData, file), File.ReadAllBytes(file)));
        }

        return seeds;
    }

    private sealed record Mutator(string Name, Func<byte[], Random, byte[]> Apply);

    private static readonly Mutator[] Mutators =
    [
        new("bit-flips", BitFlips),
        new("truncation", (b, r) => b.Length == 0 ? b : b[..r.Next(b.Length)]),
        new("duplicated-lines", DuplicateLines),
        new("deleted-lines", DeleteLines),
        new("huge-hunk-counts", HugeHunkCounts),
        new("swapped-headers", SwapHeaders),
        new("invalid-utf8", InvalidUtf8),
        new("giant-line", GiantLine),
        new("deep-mime", DeepMime),
        new("base64-garbage", Base64Garbage),
        new("qp-garbage", QuotedPrintableGarbage),
        new("rfc2047-damage", Rfc2047Damage),
        new("cr-only", (b, _) => Replace(b, "\n"u8, "\r"u8)),
        new("crlf", (b, _) => Replace(Replace(b, "\r\n"u8, "\n"u8), "\n"u8, "\r\n"u8)),
        new("mangled-separators", MangleSeparators),
        new("patchwork-json", BrokenJson),
        new("nul-bytes", (b, r) => Insert(b, r, [0, 0, 0])),
        new("concatenated", (b, r) => [.. b, .. "\n"u8, .. b[..r.Next(b.Length + 1)]]),
    ];

    private static byte[] BitFlips(byte[] bytes, Random random)
    {
        var copy = (byte[])bytes.Clone();
        for (var k = random.Next(1, 32); k > 0 && copy.Length > 0; k--) copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        return copy;
    }

    private static List<byte[]> Lines(byte[] bytes)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != '\n') continue;
            lines.Add(bytes[start..(i + 1)]);
            start = i + 1;
        }

        if (start < bytes.Length) lines.Add(bytes[start..]);
        return lines;
    }

    private static byte[] Join(IEnumerable<byte[]> lines) => [.. lines.SelectMany(l => l)];

    private static byte[] DuplicateLines(byte[] bytes, Random random)
    {
        var lines = Lines(bytes);
        if (lines.Count == 0) return bytes;
        var at = random.Next(lines.Count);
        var length = Math.Min(lines.Count - at, random.Next(1, 50));
        var times = random.Next(10) == 0 ? random.Next(100, 5000) : random.Next(1, 4);
        var run = lines.GetRange(at, length);
        // The copies stay under 16 MB: a giant line duplicated thousands of times would be gigabytes, past what one
        // array holds (run 33,000 of a long fuzz run overflowed here), and no longer a test of the reader.
        var runBytes = Math.Max(1L, run.Sum(l => (long)l.Length));
        times = (int)Math.Max(1, Math.Min(times, (16L << 20) / runBytes));
        for (var t = 0; t < times; t++) lines.InsertRange(at, run);
        return Join(lines);
    }

    private static byte[] DeleteLines(byte[] bytes, Random random)
    {
        var lines = Lines(bytes);
        if (lines.Count == 0) return bytes;
        var at = random.Next(lines.Count);
        lines.RemoveRange(at, Math.Min(lines.Count - at, random.Next(1, 20)));
        return Join(lines);
    }

    private static readonly string[] HugeCounts = ["2147483647", "2147483648", "99999999999999999999", "0", "-1", "4294967295", "1000000", ""];

    private static byte[] HugeHunkCounts(byte[] bytes, Random random)
    {
        var lines = Lines(bytes);
        var hunks = lines.Select((l, i) => (l, i)).Where(x => x.l.AsSpan().StartsWith("@@ -"u8)).Select(x => x.i).ToList();
        if (hunks.Count == 0) return bytes;
        string Count() => HugeCounts[random.Next(HugeCounts.Length)];
        lines[hunks[random.Next(hunks.Count)]] = Encoding.ASCII.GetBytes($"@@ -{Count()},{Count()} +{Count()},{Count()} @@ f()\n");
        return Join(lines);
    }

    private static byte[] SwapHeaders(byte[] bytes, Random random)
    {
        var lines = Lines(bytes);
        var headers = lines.Select((l, i) => (l, i))
            .Where(x => MboxSplitter.IsHeaderLine(x.l) || x.l.AsSpan().StartsWith("diff "u8) || x.l.AsSpan().StartsWith("--- "u8) || x.l.AsSpan().StartsWith("+++ "u8))
            .Select(x => x.i).ToList();
        if (headers.Count < 2) return bytes;
        var a = headers[random.Next(headers.Count)];
        var b = headers[random.Next(headers.Count)];
        (lines[a], lines[b]) = (lines[b], lines[a]);
        return Join(lines);
    }

    private static readonly byte[][] BadUtf8 = [[0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xC0, 0xAF], [0x80, 0x80, 0x80]];

    private static byte[] InvalidUtf8(byte[] bytes, Random random)
    {
        for (var k = random.Next(1, 8); k > 0; k--) bytes = Insert(bytes, random, BadUtf8[random.Next(BadUtf8.Length)]);
        return bytes;
    }

    private static readonly string[] GiantUnits = ["/*", "*/", "\"", "'", "\\", "(", ")", "{", "a", " ", "\t", "a, ", "->b", "=?", "=", "<", "#if ", "//"];

    /// <summary>A line of 10 KB to 2 MB of one repeated unit, as an added line or anywhere.</summary>
    private static byte[] GiantLine(byte[] bytes, Random random)
    {
        var unit = GiantUnits[random.Next(GiantUnits.Length)];
        var size = random.Next(4) == 0 ? random.Next(1 << 20, 2 << 20) : random.Next(10_000, 200_000);
        var line = Encoding.ASCII.GetBytes("+" + new StringBuilder(size + unit.Length).Insert(0, unit, Math.Max(1, size / unit.Length)) + "\n");
        var lines = Lines(bytes);
        var hunkLines = lines.Select((l, i) => (l, i)).Where(x => x.l.Length > 0 && x.l[0] == '+' && !x.l.AsSpan().StartsWith("+++"u8)).Select(x => x.i).ToList();
        var at = hunkLines.Count > 0 && random.Next(3) > 0 ? hunkLines[random.Next(hunkLines.Count)] : random.Next(lines.Count + 1);
        if (random.Next(2) == 0 && at < lines.Count) lines[at] = line; // replaces a line: the counts stay right
        else lines.Insert(at, line);
        return Join(lines);
    }

    /// <summary>The mail's body wrapped in 1 to 300 levels of multipart, boundaries right or damaged.</summary>
    private static byte[] DeepMime(byte[] bytes, Random random)
    {
        var (head, body) = SplitMail(bytes);
        var depth = random.Next(3) == 0 ? random.Next(50, 300) : random.Next(1, 20);
        var kinds = new[] { "mixed", "alternative", "signed", "digest", "related" };
        var part = "text/x-patch";
        for (var level = 1; level <= depth; level++)
        {
            var close = random.Next(8) == 0 ? "" : $"--b{level}--\n";
            body = [.. Encoding.ASCII.GetBytes($"--b{level}\nContent-Type: {part}\n\n"), .. body, .. Encoding.ASCII.GetBytes($"\n{close}")];
            part = $"multipart/{kinds[random.Next(kinds.Length)]}; boundary=\"b{level}\"";
        }

        var mime = Encoding.ASCII.GetBytes($"MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b{depth}\"\n");
        return [.. head, .. mime, .. "\n"u8, .. body];
    }

    /// <summary>Header lines (without the blank line) and the body of a mail, Content-* headers dropped.</summary>
    private static (byte[] Head, byte[] Body) SplitMail(byte[] bytes)
    {
        var lines = Lines(bytes);
        var blank = lines.FindIndex(l => l.AsSpan().TrimEnd("\r\n"u8).IsEmpty);
        if (blank < 0) return ([], bytes);
        var head = lines.Take(blank).Where(l => !l.AsSpan().StartsWith("Content-"u8) && !l.AsSpan().StartsWith("MIME-"u8));
        return (Join(head), Join(lines.Skip(blank + 1)));
    }

    private static byte[] Base64Garbage(byte[] bytes, Random random)
    {
        var (head, body) = SplitMail(bytes);
        var encoded = new StringBuilder(Convert.ToBase64String(body, Base64FormattingOptions.InsertLineBreaks).Replace("\r\n", "\n"));
        for (var k = random.Next(0, 10); k > 0 && encoded.Length > 0; k--)
            encoded.Insert(random.Next(encoded.Length), "!@#=\n===A"[random.Next(9)..]);
        if (random.Next(3) == 0) encoded.Length = random.Next(encoded.Length + 1);
        var charset = random.Next(4) == 0 ? "x-unknown" : random.Next(3) == 0 ? "utf-16" : "utf-8";
        return [.. head, .. Encoding.ASCII.GetBytes($"MIME-Version: 1.0\nContent-Type: text/plain; charset={charset}\nContent-Transfer-Encoding: base64\n\n{encoded}\n")];
    }

    private static byte[] QuotedPrintableGarbage(byte[] bytes, Random random)
    {
        var (head, body) = SplitMail(bytes);
        var encoded = new StringBuilder();
        foreach (var b in body)
        {
            if (b == '\n') encoded.Append('\n');
            else if (b is (byte)'=' or >= 127 || random.Next(50) == 0) encoded.Append('=').Append(b.ToString("X2"));
            else encoded.Append((char)b);
            if (random.Next(500) == 0) encoded.Append(new[] { "=ZZ", "=\n", "=", "=4", "= \n", "=\r\n", "==" }[random.Next(7)]);
        }

        if (random.Next(4) == 0) encoded.Append('=');
        return [.. head, .. "MIME-Version: 1.0\nContent-Type: text/plain; charset=\"iso-8859-1\"\nContent-Transfer-Encoding: quoted-printable\n\n"u8,
            .. Encoding.Latin1.GetBytes(encoded.ToString())];
    }

    private static readonly string[] EncodedWordDamage =
    [
        "=?utf-8?B?!!!notbase64?=", "=?utf-8?Q?=ZZ=?=", "=?x-unknown?Q?abc?=", "=?utf-8?B?", "=?utf-8*en?Q?a_b?=", "=??Q?x?=",
        "=?utf-8?B?wyg=?=", "=?utf-16?B?AAA=?=", "=?utf-8?Q?" + new string('a', 5000) + "?=", string.Concat(Enumerable.Repeat("=?utf-8?Q?a?= ", 2000)),
    ];

    private static byte[] Rfc2047Damage(byte[] bytes, Random random)
    {
        var lines = Lines(bytes);
        var targets = lines.Select((l, i) => (l, i))
            .Where(x => x.l.AsSpan().StartsWith("Subject: "u8) || x.l.AsSpan().StartsWith("From: "u8) || x.l.AsSpan().StartsWith("Content-Type: "u8))
            .Select(x => x.i).ToList();
        var damage = EncodedWordDamage[random.Next(EncodedWordDamage.Length)];
        if (targets.Count == 0) return [.. Encoding.ASCII.GetBytes($"Subject: {damage}\n"), .. bytes];
        var at = targets[random.Next(targets.Count)];
        var line = Encoding.Latin1.GetString(lines[at]).TrimEnd('\n');
        var split = random.Next(line.IndexOf(':') + 1, line.Length + 1);
        lines[at] = Encoding.Latin1.GetBytes(line[..split] + damage + line[split..] + "\n");
        return Join(lines);
    }

    private static byte[] MangleSeparators(byte[] bytes, Random random)
    {
        string[] separators =
        [
            "From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001\n", "From \n", "From x Mon Sep 17 00:00:00 2001\n",
            ">From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001\n", "From mboxrd@z Thu Jan  1 00:00:00 1970\n",
            "From 0 Mon Sep 17 99:99:99 99999999999999999999\n", "From " + new string(':', 600) + " 2001\n",
        ];
        var lines = Lines(bytes);
        for (var k = random.Next(1, 4); k > 0; k--)
        {
            var separator = Encoding.ASCII.GetBytes(separators[random.Next(separators.Length)]);
            var at = random.Next(lines.Count + 1);
            if (random.Next(3) == 0 && at < lines.Count) lines[at] = separator;
            else lines.Insert(at, separator);
        }

        return Join(lines);
    }

    /// <summary>The input as Patchwork JSON (or the JSON seed itself), then damaged: cut, deepened, misquoted or given wrong types.</summary>
    private static byte[] BrokenJson(byte[] bytes, Random random)
    {
        byte[] json;
        if (bytes.Length > 0 && bytes[0] == '{') json = bytes;
        else
        {
            var text = Encoding.UTF8.GetString(bytes);
            var diffAt = text.IndexOf("\ndiff --git ", StringComparison.Ordinal);
            var content = diffAt < 0 ? text : text[..(diffAt + 1)];
            var diff = diffAt < 0 ? "" : text[(diffAt + 1)..];
            json = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
            {
                ["id"] = random.Next(), ["msgid"] = "<fuzz@example.com>", ["name"] = "[PATCH] fuzz", ["state"] = "new", ["hash"] = null,
                ["content"] = content, ["diff"] = diff,
                ["headers"] = new Dictionary<string, object> { ["Subject"] = "[PATCH] fuzz", ["From"] = "A <a@example.com>", ["X-List"] = new[] { "a", "b" } },
            });
            if (random.Next(3) == 0) json = [.. "["u8, .. json, .. ","u8, .. json, .. "]"u8];
        }

        return random.Next(6) switch
        {
            0 => json[..random.Next(json.Length + 1)],
            1 => [.. Enumerable.Repeat((byte)'[', random.Next(10, 5000)), .. json],
            2 => Replace(json, "\""u8, random.Next(2) == 0 ? "'"u8 : "\\"u8, random.Next(1, 5)),
            3 => Replace(json, "\"diff\": \""u8, "\"diff\": 12345, \"x\": \""u8, 1),
            4 => Insert(json, random, "\\u00"u8.ToArray()),
            _ => Replace(json, "\"content\": "u8, "\"content\": {\"a\": [1e99999, -0, null, true, \"\\ud800\"]}, \"c\": "u8, 1),
        };
    }

    private static byte[] Insert(byte[] bytes, Random random, byte[] what)
    {
        var at = random.Next(bytes.Length + 1);
        return [.. bytes.AsSpan(0, at), .. what, .. bytes.AsSpan(at)];
    }

    /// <summary>Replaces every occurrence (or the first <paramref name="limit"/>) of <paramref name="from"/>.</summary>
    private static byte[] Replace(byte[] bytes, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to, int limit = int.MaxValue)
    {
        var result = new List<byte>(bytes.Length);
        var rest = bytes.AsSpan();
        while (limit-- > 0)
        {
            var at = rest.IndexOf(from);
            if (at < 0) break;
            result.AddRange(rest[..at]);
            result.AddRange(to);
            rest = rest[(at + from.Length)..];
        }

        result.AddRange(rest);
        return [.. result];
    }
}
