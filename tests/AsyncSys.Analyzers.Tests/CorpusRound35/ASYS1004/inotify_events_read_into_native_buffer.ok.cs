// The reader owns a NativeMemory buffer for inotify events for its whole life and awaits each read before parsing.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Stack.InotifyNativeBuffer;

internal sealed unsafe class PointerMemory(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);
    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);
    public override void Unpin() { }
    protected override void Dispose(bool disposing) { }
}

public sealed class InotifyReader : IDisposable
{
    private readonly IoRing _ring;
    private readonly int _inotifyFd;
    private readonly unsafe byte* _events;
    private readonly PointerMemory _memory;

    public unsafe InotifyReader(IoRing ring, int inotifyFd)
    {
        _ring = ring;
        _inotifyFd = inotifyFd;
        _events = (byte*)NativeMemory.Alloc(4096);
        _memory = new PointerMemory(_events, 4096);
    }

    public async Task<int> ReadEventsAsync(CancellationToken ct) => await _ring.ReadAsync(_inotifyFd, _memory.Memory, ct);

    public unsafe void Dispose() => NativeMemory.Free(_events);
}
