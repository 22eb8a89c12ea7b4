// A key store takes a 32-byte key as a by-value [InlineArray(32)] parameter, makes a span over it with MemoryMarshal.CreateSpan(ref key[0], 32), pins it with fixed and returns the generated pwrite variant over a MemoryManager made from the pointer. The parameter is a copy in this frame: the write reads it after the method returned.
using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus60.InlineKeyParameterBad;

[InlineArray(32)]
internal struct Key32
{
    private byte _element0;
}

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint Pwrite(int fd, byte* buffer, nuint count, long offset);
}

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

internal sealed class KeySlots(int fd)
{
    public unsafe ValueTask<nint> StoreKey(int slot, Key32 key, CancellationToken ct)
    {
        Span<byte> bytes = MemoryMarshal.CreateSpan(ref key[0], 32);
        fixed (byte* p = bytes)
        {
            var memory = new PointerMemory(p, 32);
            return Native.PwriteAsync(fd, /*~ASYS1004*/memory.Memory, slot * 32L, ct);
        }
    }
}
