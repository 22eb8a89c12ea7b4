// Stack memory wrapped in a pointer MemoryManager and handed to the generated pread, whose task is returned.
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
    public static ValueTask<nint> ReadMagicAsync(int fd, CancellationToken cancellationToken)
    {
        byte* magic = stackalloc byte[16];
        var manager = new PointerMemoryManager(magic, 16);
        return Libc.PReadAsync(fd, /*~ASYS1004*/manager.Memory, 1024, cancellationToken);
    }
}
