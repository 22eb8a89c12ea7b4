// A hosted service's systemd notifier (sd_notify style: "READY=1", "STATUS=...", "WATCHDOG=1" datagrams on the
// NOTIFY_SOCKET) formats the short state into stackalloc memory to avoid allocating, wraps it in a pointer
// MemoryManager and returns the send's task without awaiting it. The frame is gone when the caller awaits; the kernel
// sends whatever the next calls wrote on the stack, and systemd sees garbage or a wrong state.
using System;
using System.Buffers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.StackMemory.SystemdNotifyStackalloc;

public sealed unsafe class PointerMemoryManager : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly int _length;

    public PointerMemoryManager(byte* pointer, int length)
    {
        _pointer = pointer;
        _length = length;
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

public sealed class SystemdNotifier(IoRing ring, int notifySocket)
{
    public unsafe ValueTask<int> NotifyAsync(string state, CancellationToken ct)
    {
        int length = Encoding.ASCII.GetByteCount(state);
        byte* message = stackalloc byte[length];
        Encoding.ASCII.GetBytes(state, new Span<byte>(message, length));
        var manager = new PointerMemoryManager(message, length);
        return ring.SendAsync(notifySocket, /*~ASYS1004*/manager.Memory, MessageFlags.None, ct);
    }
}

public sealed class NotifyingLifetime(SystemdNotifier notifier)
{
    public async Task StartedAsync(CancellationToken ct)
    {
        await notifier.NotifyAsync("READY=1", ct);
        await notifier.NotifyAsync("STATUS=Processing requests", ct);
    }
}
