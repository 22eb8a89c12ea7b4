// A heartbeat work item queued with ThreadPool.UnsafeQueueUserWorkItem pins a fresh header array with `fixed`, wraps the pinned address in a pointer MemoryManager and starts the send inside the fixed block, keeping the task in a field; the block (and the pin) ends when Execute returns, so the GC may move the array while the send reads the old address.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus52.HeartbeatWorkItemFixedBad;

internal sealed unsafe class PointerMemory(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

internal sealed class HeartbeatWorkItem(IoRing ring, int socket) : IThreadPoolWorkItem
{
    public Task<int>? Pending { get; private set; }

    public unsafe void Execute()
    {
        byte[] frame = new byte[16];
        BinaryPrimitives.WriteInt64BigEndian(frame, Stopwatch.GetTimestamp());
        BinaryPrimitives.WriteInt64BigEndian(frame.AsSpan(8), Environment.TickCount64);
        fixed (byte* header = frame)
        {
            var pinned = new PointerMemory(header, frame.Length);
            Pending = ring.SendAsync(socket, /*~ASYS1004*/pinned.Memory, MessageFlags.NoSignal, CancellationToken.None).AsTask();
        }
    }

    public void Queue() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
}
