using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Stack.GeneratedVariant;

internal sealed unsafe class PointerMemory : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly int _length;

    public PointerMemory(byte* pointer, int length)
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

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    internal static unsafe partial nint PRead(int fd, byte* buffer, nuint count, long offset);
}

internal static class Magic
{
    private static unsafe Memory<byte> Wrap(byte* pointer, int length) => new PointerMemory(pointer, length).Memory;

    public static unsafe ValueTask<nint> PeekMagic(int fd)
    {
        byte* magic = stackalloc byte[8];
        return Libc.PReadAsync(fd, /*~ASYS1004*/Wrap(magic, 8), 0);
    }
}
