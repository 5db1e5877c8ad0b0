using DiffLint.Core;

namespace DiffLint.Rules;

/// <summary>
/// One background thread for the tables rules read at their first use (the spelling dictionary, the resource pair
/// tables): started when a rule is initialized, it reads them while the main thread reads and decodes the mail, so a
/// one-patch process (a git hook) does not wait for them in its analysis. One thread for all of them, not one each: a
/// 2-core machine runs the main thread and the rules' construction beside it already.
/// </summary>
internal static class TableLoading
{
    private static readonly BackgroundWork Work = new("difflint tables");

    /// <summary>Runs <paramref name="load"/>, which should fill a <see cref="Lazy{T}"/>, after the loads queued before it.</summary>
    public static void Queue(Action load) => Work.Queue(load);
}
