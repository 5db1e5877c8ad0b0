using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;
using DiffLint.Core.Profiles;

namespace DiffLint.Reporting;

/// <summary>
/// How <see cref="CheckpatchReporter"/> prints: the output options of the kernel's checkpatch.pl. The defaults are
/// <c>--format checkpatch</c>'s form, <c>checkpatch.pl --terse --show-types</c>; <c>difflint checkpatch</c> sets
/// them from the script's own options.
/// </summary>
public sealed record CheckpatchStyle
{
    /// <summary><c>--format checkpatch</c>: one line per finding with its TYPE, and a total for inputs with findings.</summary>
    public static readonly CheckpatchStyle TerseWithTypes = new();

    /// <summary><c>--terse</c>: the first line of each report only; implies <see cref="Emacs"/> and one more <see cref="Quiet"/>.</summary>
    public bool Terse { get; init; } = true;

    /// <summary><c>--emacs</c>: each report starts with <c>FILE:LINE: </c>.</summary>
    public bool Emacs { get; init; }

    /// <summary><c>--show-types</c>: <c>LEVEL:TYPE:</c> instead of <c>LEVEL:</c>.</summary>
    public bool ShowTypes { get; init; } = true;

    /// <summary>How many times <c>-q</c> was given (checkpatch counts them; <see cref="Terse"/> adds one).</summary>
    public int Quiet { get; init; }

    /// <summary>False for <c>--no-summary</c>: no <c>total:</c> line.</summary>
    public bool Summary { get; init; } = true;

    /// <summary><c>--summary-file</c>: the <c>total:</c> line starts with the input's name.</summary>
    public bool SummaryFile { get; init; }

    /// <summary><c>--showfile</c>: reports start with the diffed file's <c>PATH:LINE: </c> and drop the <c>#N:</c> line.</summary>
    public bool ShowFile { get; init; }

    /// <summary><c>--verbose</c>: after the first report of each TYPE, the rule's description.</summary>
    public bool Verbose { get; init; }

    /// <summary>ANSI colours as checkpatch prints them (level red/yellow/green, TYPE blue).</summary>
    public bool Color { get; init; }

    /// <summary><c>--mailback</c>: nothing at all for a clean input or one that is not a patch.</summary>
    public bool Mailback { get; init; }

    /// <summary>
    /// <c>--strict</c>: the checks count is printed in every total. Null is <c>--format checkpatch</c>'s rule: printed
    /// where the kernel script turns CHECK on by itself, and whenever there are CHECK lines.
    /// </summary>
    public bool? Strict { get; init; }

    /// <summary><c>--file</c>: the inputs are source files; reports name the file's own lines (<c>#LINE:</c>).</summary>
    public bool SourceFiles { get; init; }

    /// <summary>
    /// <c>--patch</c> (the script's default): an input in which no hunk was found gets "Does not appear to be a
    /// unified-diff format patch". False for <c>--format checkpatch</c> and <c>--no-patch</c>.
    /// </summary>
    public bool RequirePatch { get; init; }

    /// <summary>
    /// Every input is reported as checkpatch reports its own inputs: headed by its name when there are several, closed
    /// by the "has style problems" / "is ready for submission" sentences unless quiet, and by the closing notes of the
    /// run. False for <c>--format checkpatch</c>, which prints no more than the finding lines and totals.
    /// </summary>
    public bool Sentences { get; init; }

    /// <summary>The name an input is reported by (<c>--git</c>'s <c>Commit SHA ("subject")</c>); null: its file name.</summary>
    public Func<InputSource, string?>? InputNames { get; init; }

    /// <summary>Forces QEMU's <c>Q_*</c> names (true) or the kernel's (false); null: by the profile of the input's patches.</summary>
    public bool? QemuTypes { get; init; }

    /// <summary>The words of <c>--types</c> and <c>--ignore</c>, for the "NOTE: Used/Ignored message types" lines.</summary>
    public ImmutableArray<string> UsedTypes { get; init; } = [];

    public ImmutableArray<string> IgnoredTypes { get; init; } = [];

    /// <summary>
    /// The lines of an input, which reports quote as the script does (the raw line, and for some the line before it);
    /// null when unknown, and then the finding's own line is quoted.
    /// </summary>
    public Func<InputSource, IReadOnlyList<string>?>? InputLines { get; init; }
}

/// <summary>
/// <c>--format checkpatch</c> and <c>difflint checkpatch</c>: the output of the kernel's scripts/checkpatch.pl.
/// Its default form is that of <c>checkpatch.pl --terse --show-types</c>, <c>FILE:LINE: LEVEL:TYPE: message</c>,
/// where FILE is the input as named (<c>-</c> for standard input), LINE the line of the input, LEVEL ERROR/WARNING/CHECK
/// and TYPE the checkpatch type of the rule (<c>DL_&lt;RULE_NAME&gt;</c> when the rule has no checkpatch counterpart).
/// After the findings of each input comes checkpatch's closing line for that input,
/// <c>total: N errors, N warnings, [N checks, ]N lines checked</c>, where "lines checked" counts what checkpatch
/// counts (the hunk lines, not the whole file). The kernel script prints the checks count when its CHECK level is on
/// at the end of the input: with --strict, or on its own when the last file of the input is under drivers/net/, net/
/// or drivers/staging/. DiffLint prints it in that second case and whenever there are CHECK lines (as --strict would).
/// As with checkpatch --terse (which implies --quiet), an input without findings prints nothing at all: no total, no
/// "has no obvious style problems". Unreadable inputs print nothing here (checkpatch has no such line).
/// With <c>qemu: true</c> (or, by default, for inputs whose patches are checked under the qemu profile) the form is QEMU's script's: TYPE is the <c>Q_*</c> name (QEMU prints none), and since it
/// has no CHECK level notes print as WARNING and the total never has a checks count.
/// With a <see cref="CheckpatchStyle"/> it prints the script's other forms (normal blocks with the quoted line,
/// <c>--emacs</c>, <c>--showfile</c>, <c>--verbose</c>, colour, the closing sentences): see docs/checkpatch.md.
/// Verified against the kernel's scripts/checkpatch.pl (tests/DiffLint.Tests/Reporting/FormatTests.cs and
/// CheckpatchGoldenTests.cs).
/// </summary>
public sealed class CheckpatchReporter(CheckpatchStyle style) : IReporter
{
    private readonly CheckpatchStyle _style = style;

    private const string Red = "\e[31m", Yellow = "\e[33m", Green = "\e[32m", Blue = "\e[34m", Reset = "\e[0m";

    /// <summary>
    /// The TYPEs whose report quotes the line with its control characters made visible (<c>^I</c> for a tab) and a
    /// <c>$</c> at its end, so that whitespace can be seen.
    /// </summary>
    private static readonly FrozenSet<string> WhitespaceShown = new[]
    {
        "DOS_LINE_ENDINGS", "TRAILING_WHITESPACE", "FSF_MAILING_ADDRESS", "CODE_INDENT", "SPACE_BEFORE_TAB", "LEADING_SPACE",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The TYPEs whose report quotes no line: they are about the patch or its message as a whole.</summary>
    private static readonly FrozenSet<string> WithoutLocation = new[]
    {
        "COMMIT_MESSAGE", "DT_SCHEMA_BINDING_PATCH", "DT_SPLIT_BINDING_PATCH", "EXPORT_SYMBOL", "FROM_SIGN_OFF_MISMATCH", "MISSING_FIXES_TAG",
        "MISSING_SIGN_OFF", "NOT_UNIFIED_DIFF", "NO_AUTHOR_SIGN_OFF", "OBSOLETE", "PATCH_PREFIX", "PREFER_DEFINED_ATTRIBUTE_MACRO",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The TYPEs after which checkpatch suggests its whitespace cleaners (scripts/cleanpatch, cleanfile).</summary>
    private static readonly FrozenSet<string> CleanerTypes = new[] { "TRAILING_WHITESPACE", "CODE_INDENT" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// The reports that quote the line before the finding too (the line it is judged against: the line a brace, an
    /// <c>else</c> or a continuation follows), told by their message as checkpatch words it; other reports of the same
    /// TYPEs quote one line.
    /// </summary>
    private static readonly string[] PreviousLineMessages =
    [
        "Possible repeated word", "Misordered MAINTAINERS entry", "Assignment operator '", "Logical continuations should be on the previous line",
        "Alignment should match open parenthesis", "Block comments use * on subsequent lines", "Block comments should align the * on each line",
        "Please use a blank line after function/struct/union/enum declarations", "Please don't use multiple blank lines",
        "Missing a blank line after declarations", "else is not generally useful after a break or return", "break is not useful after a",
        "Avoid multiple line dereference", "open brace '{' following",
        "void function return statements are not generally useful", "else should follow close brace", "while should follow close brace",
        "Blank lines aren't necessary", "quoted string split across lines", "break quoted strings at a space character",
        "is safe and this check is probably not required", "Possible unnecessary 'out of memory' message", "Use C99 flexible arrays",
    ];

    public CheckpatchReporter(bool? qemu = null)
        : this(CheckpatchStyle.TerseWithTypes with { QemuTypes = qemu })
    {
    }

    /// <summary>True when the last <see cref="Write"/> reported anything: checkpatch's exit code 1.</summary>
    public bool Reported { get; private set; }

    public IReportWriter Start(IReadOnlyList<RuleDescriptor> rules, IReadOnlyList<InputSource> inputs, TextWriter writer) => new Writer(this, writer);

    /// <summary>
    /// The report as the inputs come: checkpatch reports an input as a whole (its findings in line order, the form by
    /// the profile of all its patches, its total), so an input's findings wait until the next input starts; with the
    /// script's closing sentences, which head each input with its name when there are several, the whole run waits.
    /// </summary>
    private sealed class Writer(CheckpatchReporter reporter, TextWriter writer) : IReportWriter
    {
        private readonly List<Unit> _held = [];
        private readonly HashSet<string> _verboseShown = new(StringComparer.Ordinal);
        private Unit? _unit;
        private bool _anyReported, _cleanersPending;

        public void Write(PatchReport report)
        {
            var source = report.Patch.Source;
            if (_unit is null || _unit.Source.Ordinal != source.Ordinal)
            {
                Close();
                _unit = new Unit(source);
            }

            _unit.Add(report);
        }

        private void Close()
        {
            if (_unit is null) return;
            if (reporter._style.Sentences) _held.Add(_unit);
            else reporter.WriteUnit(writer, _unit, 1, _verboseShown, ref _anyReported, ref _cleanersPending);
            _unit = null;
        }

        public void End(RunResult result)
        {
            Close();
            foreach (var unit in _held) reporter.WriteUnit(writer, unit, _held.Count, _verboseShown, ref _anyReported, ref _cleanersPending);
            reporter.Reported = _anyReported;
            var style = reporter._style;
            var quiet = style.Quiet + (style.Terse ? 1 : 0);
            if (!style.Sentences || quiet != 0) return;
            WriteTypeWords(writer, style.UsedTypes, "Used");
            WriteTypeWords(writer, style.IgnoredTypes, "Ignored");
            if (_anyReported)
            {
                writer.Write("\nNOTE: If any of the errors are false positives, please report\n      them to the maintainer, see CHECKPATCH in MAINTAINERS.\n");
            }
        }
    }

    private void WriteUnit(TextWriter writer, Unit unit, int units, HashSet<string> verboseShown, ref bool anyReported, ref bool cleanersPending)
    {
        var quiet = _style.Quiet + (_style.Terse ? 1 : 0);
        unit.Name = _style.InputNames?.Invoke(unit.Source) ?? unit.Source.DisplayName;
        if (unit.Source.DisplayName == "-")
        {
            // checkpatch names standard input by the last Subject: header it read.
            unit.Name = unit.LastSubject is null ? "Your patch" : $"\"{unit.LastSubject}\"";
        }

        unit.Name = OutputText.Escape(unit.Name);

        {
            var output = new StringBuilder();
            if (_style.Sentences && units > 1 && quiet == 0)
            {
                var dashes = new string('-', unit.Name.Length);
                output.Append(dashes).Append('\n').Append(unit.Name).Append('\n').Append(dashes).Append('\n');
            }

            var qemuForm = _style.QemuTypes ?? unit.Qemu;
            // With the CHECK level off (no --strict), the kernel script prints no CHECK outside the paths that turn it on.
            var diagnostics = unit.Findings
                .Where(d => qemuForm || _style.Strict != false || d.Severity != Severity.Note || StrictPaths.Contains(d.Location.Path))
                .OrderBy(d => d.Location.InputLine).ToList(); // stable
            var isPatch = unit.IsPatch;
            if (!_style.Sentences && diagnostics.Count == 0) return;
            if (_style.Mailback && (diagnostics.Count == 0 || !isPatch)) return;
            if (_style.Sentences && !_style.RequirePatch && !isPatch) return; // --no-patch: the script keeps quiet about what is not a patch
            int errors = 0, warnings = 0, checks = 0;
            var lines = new Lazy<IReadOnlyList<string>?>(() => _style.InputLines?.Invoke(unit.Source));
            foreach (var d in diagnostics)
            {
                var level = Level(d.Severity, qemuForm);
                _ = level switch { "ERROR" => errors++, "WARNING" => warnings++, _ => checks++ };
                var type = TypeOf(d.Rule, qemuForm);
                cleanersPending |= CleanerTypes.Contains(type);
                AppendReport(output, unit, d, level, type, lines, qemuForm);
                if (_style.Verbose && verboseShown.Add(type)) output.Append(d.Rule.Description).Append("\n\n");
            }

            if (_style.Sentences && _style.RequirePatch && !isPatch && !unit.Name.EndsWith("cover-letter.patch", StringComparison.Ordinal))
            {
                errors++;
                AppendReport(output, unit, null, "ERROR", "NOT_UNIFIED_DIFF", lines, qemuForm);
            }

            var clean = errors + warnings + checks == 0;
            anyReported |= !clean;
            var linesChecked = unit.LinesChecked;
            var lastFile = unit.LastFile;
            var showChecks = !qemuForm && (_style.Strict == true || StrictPaths.Contains(lastFile) || (_style.Strict is null && checks > 0));
            if (_style.Summary && !(clean && quiet == 1))
            {
                if (_style.SummaryFile) output.Append(OutputText.Escape(unit.FileName)).Append(' ');
                output.Append(string.Create(CultureInfo.InvariantCulture,
                    $"total: {errors} errors, {warnings} warnings, {(showChecks ? $"{checks} checks, " : "")}{linesChecked} lines checked\n"));
            }

            if (_style.Sentences && quiet == 0)
            {
                if (!clean)
                {
                    output.Append("\nNOTE: For some of the reported defects, checkpatch may be able to\n")
                        .Append("      mechanically convert to the typical style using --fix or --fix-inplace.\n");
                }

                if (cleanersPending)
                {
                    cleanersPending = false;
                    output.Append("\nNOTE: Whitespace errors detected.\n      You may wish to use scripts/cleanpatch or scripts/cleanfile\n");
                }

                output.Append('\n').Append(unit.Name)
                    .Append(clean ? " has no obvious style problems and is ready for submission.\n" : " has style problems, please review.\n");
            }

            writer.Write(output.ToString());
        }
    }

    private void AppendReport(StringBuilder output, Unit unit, Diagnostic? d, string level, string type, Lazy<IReadOnlyList<string>?> lines,
        bool qemuForm)
    {
        // The kernel script's wording where the rule has one; QEMU's script words its findings its own way.
        var message = d is null ? "Does not appear to be a unified-diff format patch"
            : OutputText.Escape(ReportCounts.OneLine(qemuForm ? d.Message : d.CheckpatchMessage));
        var location = d?.Location;
        var inputLine = location?.InputLine ?? unit.LastInputLine;
        var inFile = location is { Kind: LocationKind.File };
        // checkpatch counts the lines of a source file (--file) from its first line, not from the diff it makes of it.
        var number = _style.SourceFiles && inFile ? location!.Line : inputLine;

        if (_style.Color) output.Append(level switch { "ERROR" => Red, "WARNING" => Yellow, _ => Green });
        if (_style.ShowFile) output.Append(inFile ? $"{OutputText.Escape(location!.Path ?? "")}:{location.Line}: " : ":0: ");
        else if (_style.Emacs || _style.Terse) output.Append(OutputText.Escape(unit.FileName)).Append(':').Append(number.ToString(CultureInfo.InvariantCulture)).Append(": ");
        output.Append(level).Append(':');
        if (_style.ShowTypes)
        {
            if (_style.Color) output.Append(Blue);
            output.Append(type).Append(':');
        }

        if (_style.Color) output.Append(Reset);
        output.Append(' ').Append(message).Append('\n');
        if (_style.Terse) return;

        var quoting = location is not null && location.Kind != LocationKind.Patch && !WithoutLocation.Contains(type) ? location : null;
        // --showfile drops the second line of every report: the "#N:" line, or for a report without one its closing blank line.
        if (quoting is null && _style.ShowFile) return;
        if (quoting is not null)
        {
            if (!_style.ShowFile)
            {
                output.Append('#').Append(number.ToString(CultureInfo.InvariantCulture)).Append(": ");
                if (inFile) output.Append("FILE: ").Append(OutputText.Escape(quoting.Path ?? "")).Append(':').Append(quoting.Line.ToString(CultureInfo.InvariantCulture)).Append(':');
                output.Append('\n');
            }

            if (inFile && d is not null && QuotesPreviousLine(d.Message) && Line(lines.Value, inputLine - 1) is { } previous) output.Append(OutputText.Escape(previous)).Append('\n');
            var quoted = Line(lines.Value, inputLine) ?? quoting.LineText switch
            {
                null => "",
                var text when inFile => "+" + text,
                var text => text,
            };
            var column = quoting.Column;
            if (quoted.Length > LongLine)
            {
                // checkpatch quotes the whole line; for a line of megabytes, repeated under each of its findings, the
                // report would grow with the square of the line, so a long line is quoted around the finding only.
                var from = Math.Clamp(column - LongLine / 4, 0, quoted.Length - LongLine);
                quoted = (from > 0 ? "..." : "") + quoted.Substring(from, LongLine) + (from + LongLine < quoted.Length ? "..." : "");
                column += (from > 0 ? 3 : 0) - from;
            }

            output.Append(OutputText.Escape(WhitespaceShown.Contains(type) ? ShowControlCharacters(quoted) : quoted)).Append('\n');
            if (inFile && d is not null && CaretWidth(type, d) is { } width) output.Append(Caret(quoted, column, width)).Append('\n');
        }

        output.Append('\n');
    }

    /// <summary>Quoted lines longer than this are quoted around the finding only.</summary>
    private const int LongLine = 4096;

    /// <summary>
    /// How many carets the script prints under the quoted line for this report, or null for none: one under the
    /// operator of a spacing report or an invalid UTF-8 sequence, one per letter under a misspelled word.
    /// </summary>
    private static int? CaretWidth(string type, Diagnostic d) => type switch
    {
        "TYPO_SPELLING" => Math.Max(1, d.Location.EndColumn - d.Location.Column),
        "INVALID_UTF8" => 1,
        "SPACING" when d.Message.Contains(" that '", StringComparison.Ordinal) || d.Message.Contains(" around '", StringComparison.Ordinal) => 1,
        _ => null,
    };

    /// <summary>The caret line: the quoted line's tabs kept and every other character a space up to <paramref name="column"/>.</summary>
    private static string Caret(string quoted, int column, int width)
    {
        // The quoted line starts with the diff's '+', so the finding's column is that many characters in.
        var caret = new StringBuilder(column + width);
        for (var i = 0; i < column && i < quoted.Length; i++) caret.Append(quoted[i] == '\t' ? '\t' : ' ');
        return caret.Append('^', width).ToString();
    }

    private static bool QuotesPreviousLine(string message) =>
        PreviousLineMessages.Any(m => message.Contains(m, StringComparison.Ordinal));

    /// <summary>Line <paramref name="inputLine"/> (1-based) of the input, when the input's lines are known.</summary>
    private static string? Line(IReadOnlyList<string>? lines, int inputLine) =>
        lines is not null && inputLine >= 1 && inputLine <= lines.Count ? lines[inputLine - 1] : null;

    /// <summary>Control characters as <c>^X</c> (a tab is <c>^I</c>) and a <c>$</c> at the end, as <c>cat -vet</c> shows them.</summary>
    private static string ShowControlCharacters(string line)
    {
        var shown = new StringBuilder(line.Length + 8);
        foreach (var c in line)
        {
            if (char.IsControl(c) && c < 0x80) shown.Append('^').Append((char)((c + 64) & 0x7f));
            else shown.Append(c);
        }

        return shown.Append('$').ToString();
    }

    private static void WriteTypeWords(TextWriter writer, ImmutableArray<string> words, string label)
    {
        if (words.IsDefaultOrEmpty) return;
        var sorted = words.Select(w => w.ToUpperInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        writer.Write($"\nNOTE: {label} message types: {string.Join(' ', sorted)}\n");
    }

    /// <summary>
    /// What checkpatch reports on as one, an input: its findings, and what it needs of the input's patches.
    /// </summary>
    private sealed class Unit(InputSource source)
    {
        public InputSource Source { get; } = source;

        public string FileName => Source.DisplayName;

        /// <summary>The name the input is reported by; set when it is written.</summary>
        public string Name { get; set; } = source.DisplayName;

        public List<Diagnostic> Findings { get; } = [];

        /// <summary>A patch of the input is checked under the qemu profile.</summary>
        public bool Qemu { get; private set; }

        /// <summary>A hunk was found in the input.</summary>
        public bool IsPatch { get; private set; }

        public int LinesChecked { get; private set; }

        public string? LastFile { get; private set; }

        public int LastInputLine { get; private set; }

        public string? LastSubject { get; private set; }

        public void Add(PatchReport report)
        {
            var patch = report.Patch;
            Findings.AddRange(report.Diagnostics);
            Qemu |= patch.IsAnalysed && patch.Profile.Profile == BuiltInProfiles.Qemu;
            IsPatch |= patch.HunkCount > 0;
            LinesChecked += patch.CheckpatchLines;
            LastFile = patch.LastFilePath ?? LastFile;
            LastInputLine = Math.Max(LastInputLine, patch.LastInputLine);
            if (patch.Subject.Raw.Length > 0) LastSubject = patch.Subject.Raw;
        }
    }

    private static string Level(Severity severity, bool qemuForm) => severity switch
    {
        Severity.Error => "ERROR",
        Severity.Warning => "WARNING",
        _ => qemuForm ? "WARNING" : "CHECK",
    };

    /// <summary>The TYPE printed for a rule: the QEMU <c>Q_*</c> name or the kernel TYPE.</summary>
    public static string TypeOf(RuleDescriptor rule, bool qemuTypes) =>
        (qemuTypes ? rule.QemuCheckpatchType : rule.CheckpatchType)
        ?? "DL_" + rule.Name.ToUpperInvariant().Replace('-', '_');
}
