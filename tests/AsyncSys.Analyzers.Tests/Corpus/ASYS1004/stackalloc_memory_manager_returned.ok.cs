// Native memory behind the MemoryManager, freed only after the read completed.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal sealed unsafe class PointerMemoryManager(byte* pointer, int length) : MemoryManager<byte>
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

internal static unsafe partial class Libc
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PRead(int fd, byte* buffer, nuint count, long offset);
}

internal static class SuperBlock
{
    public static async ValueTask<nint> ReadMagicAsync(int fd, CancellationToken cancellationToken)
    {
        nint magic = Allocate(16);
        try
        {
            return await Libc.PReadAsync(fd, Wrap(magic, 16), 1024, cancellationToken);
        }
        finally
        {
            Free(magic);
        }
    }

    private static unsafe nint Allocate(int length) => (nint)NativeMemory.Alloc((nuint)length);

    private static unsafe Memory<byte> Wrap(nint memory, int length) => new PointerMemoryManager((byte*)memory, length).Memory;

    private static unsafe void Free(nint memory) => NativeMemory.Free((void*)memory);
}
