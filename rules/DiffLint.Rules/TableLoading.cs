namespace DiffLint.Rules;

/// <summary>
/// One background thread for the tables rules read at their first use (the spelling dictionary, the resource pair
/// tables): started when a rule is initialized, it reads them while the main thread reads and decodes the mail, so a
/// one-patch process (a git hook) does not wait for them in its analysis. One thread for all of them, not one each and
/// not the thread pool: a 2-core machine runs the main thread and the rules' construction beside it already, and the
/// pool's first work item starts its gate thread and a worker that a one-patch process never otherwise needs.
/// </summary>
internal static class TableLoading
{
    private static readonly Queue<Action> Pending = new();
    private static bool s_running;

    /// <summary>
    /// Runs <paramref name="load"/> on the loading thread, after the loads queued before it. It should fill a
    /// <see cref="Lazy{T}"/>: a load that throws is left for the rule that asks for the table (the Lazy keeps the
    /// exception), and a table asked for before its turn is simply made by the thread that asks.
    /// </summary>
    public static void Queue(Action load)
    {
        lock (Pending)
        {
            Pending.Enqueue(load);
            if (s_running) return;
            s_running = true;
        }

        new Thread(Run) { IsBackground = true, Name = "difflint tables" }.Start();
    }

    private static void Run()
    {
        while (true)
        {
            Action? load;
            lock (Pending)
            {
                if (!Pending.TryDequeue(out load))
                {
                    s_running = false;
                    return;
                }
            }

            try
            {
                load();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Reported when a rule asks for the table.
            }
        }
    }
}
