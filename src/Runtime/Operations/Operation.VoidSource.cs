using System;
using System.Threading.Tasks.Sources;

namespace AsyncSys.Operations;

// What the operations without a useful result return (fsync, close, ...): ValueTask over the slot, the result dropped.
internal sealed partial class Operation : IValueTaskSource
{
    void IValueTaskSource.GetResult(short token) => ((IValueTaskSource<int>)this).GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, ContinuationFlags(flags));
}
