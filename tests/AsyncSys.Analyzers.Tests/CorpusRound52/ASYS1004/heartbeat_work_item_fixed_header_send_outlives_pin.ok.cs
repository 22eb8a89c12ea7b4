// A heartbeat work item queued with ThreadPool.UnsafeQueueUserWorkItem encodes a fresh header array and hands the array itself (as Memory, which the ring pins for the send's whole life) to the send, keeping the task in a field.
using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus52.HeartbeatWorkItemFixedOk;

internal sealed class HeartbeatWorkItem(IoRing ring, int socket) : IThreadPoolWorkItem
{
    public Task<int>? Pending { get; private set; }

    public void Execute()
    {
        byte[] frame = new byte[16];
        BinaryPrimitives.WriteInt64BigEndian(frame, Stopwatch.GetTimestamp());
        BinaryPrimitives.WriteInt64BigEndian(frame.AsSpan(8), Environment.TickCount64);
        Pending = ring.SendAsync(socket, frame, MessageFlags.NoSignal, CancellationToken.None).AsTask();
    }

    public void Queue() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
}
