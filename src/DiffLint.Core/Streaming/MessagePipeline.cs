using System.Runtime.ExceptionServices;

namespace DiffLint.Core;

/// <summary>
/// Parallel analysis in input order: <c>threads</c> workers, the calling thread one of them, each take the next message
/// from the input (one at a time, under a lock of its own: cutting a message out of an mbox is a small part of its cost)
/// and analyse it, and each result is handed on in input order by the worker that completes the run of results ready
/// from the oldest one (results are combined, as a flat-combining queue does). At most <see cref="Capacity"/> messages
/// are read ahead of the results handed on, so a slow reporter holds the workers back instead of letting results pile up.
/// </summary>
/// <remarks>
/// No thread only reads and no thread only hands results on. On a machine with as many cores as workers, a reader
/// thread took CPU time from the analysis; so did a caller thread woken for every result in order: with -j 2 on the
/// 250 MB archive it made ~29,000 voluntary and ~26,000 involuntary context switches (the third runnable thread on two
/// cores), and tripled the run's system time (0.23 s at -j 1, 0.69 s at -j 2).
/// </remarks>
internal static class MessagePipeline
{
    /// <summary>How many messages may be read ahead of the results handed on with <paramref name="threads"/> workers.</summary>
    public static int Capacity(int threads) => Math.Max(16, threads * 32);

    /// <summary>
    /// Analyses <paramref name="items"/> on <paramref name="threads"/> threads (the calling thread and
    /// <paramref name="threads"/> − 1 more) and hands each result to <paramref name="consume"/> in input order, one at a
    /// time, on whichever of those threads completed it. Returns when every result is handed on. A failure to read the
    /// input, to process an item or to consume a result is rethrown here once the results before it are handed on; the
    /// items after it are not handed on (a few may have been processed).
    /// </summary>
    public static void Run<TItem, TResult>(IEnumerable<TItem> items, Func<TItem, TResult> process, Action<TResult> consume, int threads)
    {
        using var input = items.GetEnumerator();
        var pipeline = new Pipeline<TItem, TResult>(input, process, consume, Capacity(threads));
        var helpers = new List<Thread>(threads - 1);
        for (var i = 1; i < threads; i++)
        {
            var helper = new Thread(pipeline.Work) { IsBackground = true, Name = $"difflint worker {i + 1}" };
            helpers.Add(helper);
            helper.Start();
        }

        try
        {
            pipeline.Work();
        }
        finally
        {
            // Whatever happened on this thread, the others finish the message in hand and leave.
            foreach (var helper in helpers) helper.Join();
        }

        pipeline.Finish();
    }

    private sealed class Pipeline<TItem, TResult>(IEnumerator<TItem> input, Func<TItem, TResult> process, Action<TResult> consume, int capacity)
    {
        /// <summary>
        /// Held while a worker takes the next item from the input, which reads the file: apart from <see cref="_gate"/>, so
        /// that a worker handing in a result never waits for a read in progress.
        /// </summary>
        private readonly object _inputGate = new();

        /// <summary>The counters, the flags and the slots.</summary>
        private readonly object _gate = new();

        /// <summary>The results by sequence modulo the capacity: a slot is reused once its result is handed on.</summary>
        private readonly Slot[] _slots = new Slot[capacity];

        /// <summary>Messages read from the input, and results handed on; their difference is at most the capacity.</summary>
        private long _read, _taken;

        /// <summary>A worker is handing results on: the others leave their results in the slots for it.</summary>
        private bool _handingOn;

        private bool _endOfInput, _stopped;
        private Exception? _readFailure;

        /// <summary>The first failure to process or consume, in input order: the pipeline stops at it.</summary>
        private Exception? _failure;

        public void Work()
        {
            try
            {
                while (TryRead(out var item, out var sequence))
                {
                    Slot slot;
                    try
                    {
                        slot = new Slot(true, process(item), null);
                    }
                    catch (Exception ex)
                    {
                        slot = new Slot(true, default, ex);
                    }

                    HandIn(sequence, slot);
                }
            }
            catch (Exception ex)
            {
                // Not the analysis's failure (that is in its slot, and a consumer's is caught where it is called): the
                // pipeline's own. Stop the others rather than end the process from a helper thread.
                StopWith(ex);
            }
        }

        /// <summary>
        /// Rethrows the run's failure, if any, once every worker has left: a processing or consuming one first (it came
        /// earlier in the input), then the read's. Every result is handed on by then, since a worker hands in the oldest
        /// result only to take the free role or to leave it to a holder that is still going.
        /// </summary>
        public void Finish()
        {
            if (_failure is { } failure) ExceptionDispatchInfo.Throw(failure);
            if (_readFailure is { } readFailure) ExceptionDispatchInfo.Throw(readFailure);
        }

        private bool TryRead(out TItem item, out long sequence)
        {
            item = default!;
            sequence = -1;
            lock (_inputGate)
            {
                lock (_gate)
                {
                    while (!_stopped && !_endOfInput && _read - _taken >= capacity) Monitor.Wait(_gate);
                    if (_stopped || _endOfInput) return false;
                }

                // Only the worker holding the input gate moves the input on, and _endOfInput is set only here, so the
                // input is neither read twice at once nor read after its end.
                Exception? readFailure = null;
                var more = false;
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
                        _endOfInput = true;
                        _readFailure = readFailure;
                        Monitor.PulseAll(_gate);
                        return false;
                    }

                    if (_stopped) return false;
                    sequence = _read++;
                    return true;
                }
            }
        }

        /// <summary>Puts a result in its slot, and hands results on if it is the oldest one and no other worker is doing so.</summary>
        private void HandIn(long sequence, Slot slot)
        {
            lock (_gate)
            {
                _slots[sequence % capacity] = slot;
                if (_handingOn || sequence != _taken) return;
                _handingOn = true;
            }

            HandOn();
        }

        /// <summary>
        /// Hands on the results ready from the oldest, consuming each outside the lock. The role is given up, under the
        /// lock, only when the next result is not ready: a worker that hands that one in later finds the role free.
        /// </summary>
        private void HandOn()
        {
            while (true)
            {
                Slot slot;
                lock (_gate)
                {
                    var index = (int)(_taken % capacity);
                    if (_stopped || !_slots[index].Done)
                    {
                        _handingOn = false;
                        return;
                    }

                    slot = _slots[index];
                    _slots[index] = default;
                    // A worker waits for room only when the results were a whole capacity behind.
                    if (_read - _taken++ == capacity) Monitor.PulseAll(_gate);
                }

                if (slot.Failure is { } failure)
                {
                    StopWith(failure);
                    return;
                }

                try
                {
                    consume(slot.Result!);
                }
                catch (Exception ex)
                {
                    StopWith(ex);
                    return;
                }
            }
        }

        private void StopWith(Exception failure)
        {
            lock (_gate)
            {
                _failure ??= failure;
                _stopped = true;
                _handingOn = false;
                Monitor.PulseAll(_gate);
            }
        }

        private readonly record struct Slot(bool Done, TResult? Result, Exception? Failure);
    }
}
