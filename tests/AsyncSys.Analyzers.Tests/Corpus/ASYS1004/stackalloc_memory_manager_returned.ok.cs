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

internal static unsafe class SuperBlock
{
    public static async ValueTask<nint> ReadMagicAsync(int fd, CancellationToken cancellationToken)
    {
        nint magic = (nint)NativeMemory.Alloc(16);
        try
        {
            var manager = new PointerMemoryManager((byte*)magic, 16);
            return await Libc.PReadAsync(fd, manager.Memory, 1024, cancellationToken);
        }
        finally
        {
            NativeMemory.Free((void*)magic);
        }
    }
}
