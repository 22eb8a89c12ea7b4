// The key store copies the by-value [InlineArray(32)] key into an array it allocated once on the pinned object heap (a readonly field set only to GC.AllocateArray(..., pinned: true)) and hands the fixed pointer of that array to the returned pwrite variant: that array neither moves nor dies when the frame returns.
using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus60.InlineKeyParameterOk;

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
    private readonly byte[] _staging = GC.AllocateArray<byte>(32, pinned: true);

    public unsafe ValueTask<nint> StoreKey(int slot, Key32 key, CancellationToken ct)
    {
        MemoryMarshal.CreateSpan(ref key[0], 32).CopyTo(_staging);
        fixed (byte* p = _staging)
        {
            var memory = new PointerMemory(p, 32);
            return Native.PwriteAsync(fd, memory.Memory, slot * 32L, ct);
        }
    }
}
