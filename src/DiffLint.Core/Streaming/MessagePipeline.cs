using System.Runtime.ExceptionServices;

namespace DiffLint.Core;

/// <summary>
/// Parallel analysis in input order: <c>threads</c> workers each take the next message from the input (one at a time,
/// under a lock of its own: cutting a message out of an mbox is a small part of its cost) and analyse it, and the caller takes the
/// results in input order. At most <see cref="Capacity"/> messages are read ahead of the caller, so a slow reporter
/// holds the workers back instead of letting results pile up. No thread only reads: on a machine with as many cores as
/// workers, a reader thread and the hand-offs between it and the workers took CPU time from the analysis.
/// </summary>
internal static class MessagePipeline
{
    /// <summary>How many messages may be read ahead of the caller with <paramref name="threads"/> workers.</summary>
    public static int Capacity(int threads) => Math.Max(16, threads * 32);

    public static IEnumerable<TResult> Run<TItem, TResult>(IEnumerable<TItem> items, Func<TItem, TResult> process, int threads)
    {
        using var input = items.GetEnumerator();
        var pipeline = new Pipeline<TItem, TResult>(input, process, Capacity(threads));
        var workers = Enumerable.Range(0, threads)
            .Select(i => new Thread(pipeline.Work) { IsBackground = true, Name = $"difflint worker {i + 1}" })
            .ToList();
        foreach (var worker in workers) worker.Start();
        try
        {
            while (pipeline.TryTake(out var result)) yield return result;
        }
        finally
        {
            // The caller stopped early (or a result threw): let the workers finish the message in hand and leave.
            pipeline.Stop();
            foreach (var worker in workers) worker.Join();
        }
    }

    private sealed class Pipeline<TItem, TResult>(IEnumerator<TItem> input, Func<TItem, TResult> process, int capacity)
    {
        /// <summary>
        /// Held while a worker takes the next item from the input, which reads the file: apart from <see cref="_gate"/>, so
        /// that a worker handing in a result and the caller taking one never wait for a read in progress.
        /// </summary>
        private readonly object _inputGate = new();

        /// <summary>The counters, the flags and the slots.</summary>
        private readonly object _gate = new();

        /// <summary>The results by sequence modulo the capacity: a slot is reused once the caller has taken its result.</summary>
        private readonly Slot[] _slots = new Slot[capacity];

        /// <summary>Messages read from the input, and results handed to the caller; their difference is at most the capacity.</summary>
        private long _read, _taken;

        private bool _endOfInput, _stopped;
        private Exception? _readFailure;

        public void Work()
        {
            while (true)
            {
                TItem item;
                long sequence;
                lock (_inputGate)
                {
                    lock (_gate)
                    {
                        while (!_stopped && !_endOfInput && _read - _taken >= capacity) Monitor.Wait(_gate);
                        if (_stopped || _endOfInput) return;
                    }

                    // Only the worker holding the input gate moves the input on, and _endOfInput is set only here, so the
                    // input is neither read twice at once nor read after its end.
                    Exception? readFailure = null;
                    var more = false;
                    item = default!;
                    try
                    {
                        more = input.MoveNext();
                        if (more) item = input.Current;
                    }
                    catch (Exception ex)
                    {
                        readFailure = ex;
                    }

                    lock (_gate)
                    {
                        if (!more)
                        {
                            EndInput(readFailure);
                            return;
                        }

                        // The caller left while this message was being read: it is not analysed.
                        if (_stopped) return;
                        sequence = _read++;
                    }
                }

                Slot slot;
                try
                {
                    slot = new Slot(true, process(item), null);
                }
                catch (Exception ex)
                {
                    slot = new Slot(true, default, ex);
                }

                lock (_gate)
                {
                    _slots[sequence % capacity] = slot;
                    // Only the oldest result can let the caller go on.
                    if (sequence == _taken) Monitor.PulseAll(_gate);
                }
            }
        }

        /// <summary>The next result in input order; false at the end of the input (after rethrowing a failure to read it).</summary>
        public bool TryTake(out TResult result)
        {
            Slot slot;
            lock (_gate)
            {
                var index = (int)(_taken % capacity);
                while (!_slots[index].Done)
                {
                    if (_endOfInput && _taken == _read)
                    {
                        if (_readFailure is { } failure) ExceptionDispatchInfo.Throw(failure);
                        result = default!;
                        return false;
                    }

                    Monitor.Wait(_gate);
                }

                slot = _slots[index];
                _slots[index] = default;
                // A worker waits for room only when the caller was a whole capacity behind.
                if (_read - _taken++ == capacity) Monitor.PulseAll(_gate);
            }

            if (slot.Failure is { } processFailure) ExceptionDispatchInfo.Throw(processFailure);
            result = slot.Result!;
            return true;
        }

        public void Stop()
        {
            lock (_gate)
            {
                _stopped = true;
                Monitor.PulseAll(_gate);
            }
        }

        private void EndInput(Exception? failure)
        {
            _endOfInput = true;
            _readFailure = failure;
            Monitor.PulseAll(_gate);
        }

        private readonly record struct Slot(bool Done, TResult? Result, Exception? Failure);
    }
}
