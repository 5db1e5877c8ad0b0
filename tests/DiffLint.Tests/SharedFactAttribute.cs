namespace DiffLint.Tests;

/// <summary>A test that reads the read-only <c>../shared</c> folder: skipped, with the reason, where it is not beside the clone.</summary>
public sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute()
    {
        if (!TestPaths.HasShared) Skip = TestPaths.NoSharedReason;
    }
}

/// <summary>
/// A theory that reads <c>../shared</c>: skipped as one test, with the reason, where it is not beside the clone. xunit
/// does not enumerate a skipped theory's data, so its member data may read the folder too.
/// </summary>
public sealed class SharedTheoryAttribute : TheoryAttribute
{
    public SharedTheoryAttribute()
    {
        if (!TestPaths.HasShared) Skip = TestPaths.NoSharedReason;
    }
}
