namespace DiffLint.Core;

/// <summary>
/// Work a one-patch run (a git hook) starts early and needs later, done in turn on one background thread of its own:
/// the thread starts with the first item queued and ends when the queue is empty. Not the thread pool: its first work
/// item starts the pool's gate thread, and a worker blocked (on git, say) makes it start another, threads a one-patch
/// process otherwise never needs.
/// </summary>
/// <remarks>
/// An item should fill a <see cref="Lazy{T}"/> whose value someone asks for later: an exception is left to the Lazy,
/// which throws it again to whoever asks, as it would have without the early start; and a value asked for before its
/// turn is simply made by the thread that asks.
/// </remarks>
public sealed class BackgroundWork(string threadName)
{
    private readonly Queue<Action> _pending = new();
    private bool _running;

    /// <summary>Runs <paramref name="work"/> on the thread, after the items queued before it.</summary>
    public void Queue(Action work)
    {
        lock (_pending)
        {
            _pending.Enqueue(work);
            if (_running) return;
            _running = true;
        }

        new Thread(Run) { IsBackground = true, Name = threadName }.Start();
    }

    private void Run()
    {
        while (true)
        {
            Action? work;
            lock (_pending)
            {
                if (!_pending.TryDequeue(out work))
                {
                    _running = false;
                    return;
                }
            }

            try
            {
                work();
            }
            catch (Exception)
            {
                // Kept by the Lazy the work fills, for whoever asks for its value.
            }
        }
    }
}
