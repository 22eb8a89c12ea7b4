using System;
using System.Threading.Tasks.Sources;

namespace AsyncSys.Operations;

// What PollAsync returns: ValueTask<PollEvents> over the slot, the kernel's result read as the ready events.
internal sealed partial class Operation : IValueTaskSource<PollEvents>
{
    PollEvents IValueTaskSource<PollEvents>.GetResult(short token) => (PollEvents)(uint)((IValueTaskSource<int>)this).GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<PollEvents>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<PollEvents>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, ContinuationFlags(flags));
}
