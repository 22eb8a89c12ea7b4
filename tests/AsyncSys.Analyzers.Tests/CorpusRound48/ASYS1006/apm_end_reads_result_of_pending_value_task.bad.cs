// A socket stream keeps its APM pair (BeginRead/EndRead) for old callers over the ring's receive: the IAsyncResult holds the receive's ValueTask and EndRead returns its Result. APM callers may call EndRead before the receive completes (EndRead(BeginRead(...)) in synchronous code), and a pending ValueTask's Result is no wait: it throws or reads a source the ring has already recycled.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus48.ApmReceiveBad;

internal sealed class ReceiveResult(ValueTask<int> operation, object? state) : IAsyncResult
{
    public ValueTask<int> Operation { get; } = operation;

    public object? AsyncState => state;

    public WaitHandle AsyncWaitHandle => throw new NotSupportedException("use the callback");

    public bool CompletedSynchronously => false;

    public bool IsCompleted => Operation.IsCompleted;
}

internal sealed class RingSocketStream(IoRing ring, int socket)
{
    public IAsyncResult BeginRead(byte[] buffer, int offset, int count, AsyncCallback? callback, object? state)
    {
        var result = new ReceiveResult(ring.ReceiveAsync(socket, buffer.AsMemory(offset, count), MessageFlags.None), state);
        if (callback is not null)
        {
            result.Operation.GetAwaiter().OnCompleted(() => callback(result));
        }

        return result;
    }

    public int EndRead(IAsyncResult asyncResult) => ((ReceiveResult)asyncResult).Operation/*~ASYS1006*/.Result;
}
