using System;
using System.IO;

namespace DiffLint.Tests.Mime;

/// <summary>Locates the read-only shared corpus by walking up from the test binaries.</summary>
public static class SharedCorpus
{
    private static readonly Lazy<string?> RootLazy = new(Locate);

    /// <summary>The <c>shared</c> directory (it contains <c>corpus/</c>), or null when not found.</summary>
    public static string? Root => RootLazy.Value;

    public static string Path(params string[] parts)
    {
        var root = Root ?? throw new DirectoryNotFoundException("shared/corpus not found above " + AppContext.BaseDirectory);
        return System.IO.Path.Combine([root, .. parts]);
    }

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var inside = System.IO.Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(System.IO.Path.Combine(inside, "corpus")))
                return inside;
            if (dir.Parent is not null)
            {
                var sibling = System.IO.Path.Combine(dir.Parent.FullName, "shared");
                if (Directory.Exists(System.IO.Path.Combine(sibling, "corpus")))
                    return sibling;
            }
        }
        // Scratch builds outside the repo tree still want the corpus.
        return Directory.Exists("/work/shared/corpus") ? "/work/shared" : null;
    }
}
