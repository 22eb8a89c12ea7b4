// An O_DIRECT chunk read rents an aligned native block (a MemoryManager that frees it on Dispose) in a using declaration and awaits the pread inside its scope.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace ArrayStore;

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PRead(int fd, byte* buffer, nuint count, long offset);
}

/// <summary>Native memory aligned for O_DIRECT, freed when disposed.</summary>
public sealed unsafe class AlignedBlock : MemoryManager<byte>
{
    private byte* _pointer;
    private readonly int _length;

    public AlignedBlock(int length, int alignment)
    {
        _pointer = (byte*)NativeMemory.AlignedAlloc((nuint)length, (nuint)alignment);
        _length = length;
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);
    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);
    public override void Unpin() { }

    protected override void Dispose(bool disposing)
    {
        if (_pointer != null)
        {
            NativeMemory.AlignedFree(_pointer);
            _pointer = null;
        }
    }
}

public sealed class DirectChunkReader(int fd)
{
    public async ValueTask<nint> ProbeChunk(long alignedOffset, int alignedLength, CancellationToken ct)
    {
        using var block = new AlignedBlock(alignedLength, 4096);
        return await Native.PReadAsync(fd, block.Memory, alignedOffset, ct);
    }
}
