// A socket stream keeps its APM pair (BeginRead/EndRead) for old callers over the ring's receive: BeginRead turns the receive's ValueTask into a Task once and the IAsyncResult holds that Task, so EndRead's GetAwaiter().GetResult() waits for the receive when it is still pending.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus48.ApmReceiveOk;

internal sealed class ReceiveResult(Task<int> operation, object? state) : IAsyncResult
{
    public Task<int> Operation { get; } = operation;

    public object? AsyncState => state;

    public WaitHandle AsyncWaitHandle => ((IAsyncResult)Operation).AsyncWaitHandle;

    public bool CompletedSynchronously => false;

    public bool IsCompleted => Operation.IsCompleted;
}

internal sealed class RingSocketStream(IoRing ring, int socket)
{
    public IAsyncResult BeginRead(byte[] buffer, int offset, int count, AsyncCallback? callback, object? state)
    {
        var result = new ReceiveResult(ring.ReceiveAsync(socket, buffer.AsMemory(offset, count), MessageFlags.None).AsTask(), state);
        if (callback is not null)
        {
            result.Operation.ContinueWith(_ => callback(result), TaskScheduler.Default);
        }

        return result;
    }

    public int EndRead(IAsyncResult asyncResult) => ((ReceiveResult)asyncResult).Operation.GetAwaiter().GetResult();
}
