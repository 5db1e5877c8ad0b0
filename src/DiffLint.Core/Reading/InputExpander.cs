using DiffLint.Core.Model;

namespace DiffLint.Core.Reading;

/// <summary>Turns command-line arguments into inputs: files as named, directories expanded, <c>-</c> for stdin.</summary>
public static class InputExpander
{
    public sealed record Expanded(IReadOnlyList<InputSource> Inputs, IReadOnlyList<InputError> Errors);

    public static Expanded Expand(IEnumerable<string> arguments)
    {
        var inputs = new List<InputSource>();
        var errors = new List<InputError>();
        foreach (var argument in arguments)
        {
            if (argument == "-")
            {
                inputs.Add(new InputSource("-", null, inputs.Count));
            }
            else if (Directory.Exists(argument))
            {
                var files = PatchReader.DirectoryPatterns
                    .SelectMany(pattern => Directory.EnumerateFiles(argument, pattern, SearchOption.AllDirectories))
                    .Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (files.Count == 0)
                    errors.Add(new InputError(argument, null, null, $"directory holds no {string.Join(", ", PatchReader.DirectoryPatterns)} file"));
                foreach (var file in files) inputs.Add(new InputSource(file, file, inputs.Count));
            }
            else if (File.Exists(argument))
            {
                inputs.Add(new InputSource(argument, argument, inputs.Count));
            }
            else
            {
                errors.Add(new InputError(argument, null, null, "no such file or directory"));
            }
        }

        return new Expanded(inputs, errors);
    }

    public static Stream Open(InputSource source, Func<Stream>? standardInput = null) =>
        source.Content is { } content ? content()
        : source.FilePath is null ? (standardInput ?? Console.OpenStandardInput)()
        : new FileStream(source.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
}
