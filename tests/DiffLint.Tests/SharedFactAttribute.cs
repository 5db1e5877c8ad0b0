namespace DiffLint.Tests;

/// <summary>A test that reads the read-only <c>../shared</c> folder: skipped, with the reason, where it is not beside the clone.</summary>
public sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute()
    {
        if (!Directory.Exists(TestPaths.Shared)) Skip = "needs ../shared beside the repository (see README set-up)";
    }
}
