using System;
using System.Threading.Tasks.Sources;

namespace AsyncSys.Operations;

// What SubmitAsync and the operation methods return: ValueTask<int> over the slot itself. Taking the result gives
// the slot back to the table, so each ValueTask may be awaited once.
internal sealed partial class Operation : IValueTaskSource<int>
{
    int IValueTaskSource<int>.GetResult(short token)
    {
        ThrowIfStale(token);
        if (_core.GetStatus(token) == ValueTaskSourceStatus.Pending)
        {
            // .Result on a ValueTask whose operation has not finished (a misuse, ASYS1006): throw and change nothing.
            // Recycling here would give the slot back while the kernel or a worker still runs the operation: its
            // completion would be lost (counted in flight for ever), the slot handed to a second caller, and this
            // ValueTask could never be awaited.
            throw new InvalidOperationException("This operation has not finished: await the ValueTask instead of reading its result.");
        }

        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            Recycle();
        }
    }

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, ContinuationFlags(flags));

    private void ThrowIfStale(short token)
    {
        if (token != _core.Version)
        {
            throw new InvalidOperationException("This operation's result was already taken: a ValueTask from IoRing may be awaited only once.");
        }
    }
}
