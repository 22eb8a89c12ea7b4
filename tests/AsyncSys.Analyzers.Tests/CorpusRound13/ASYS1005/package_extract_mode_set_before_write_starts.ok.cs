// The package extractor of the .bad twin, with fchmod called before the ring write starts: when it fails, the
// exception leaves with no write in flight, and the lease returns a chunk nobody is reading. On success the write is
// awaited inside the lease's scope.
using System;
using System.Buffers;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round13.BuffersInFlight.ExtractModeBeforeWrite;

internal readonly struct ChunkLease : IDisposable
{
    private readonly byte[] _array;

    public ChunkLease(int length)
    {
        _array = ArrayPool<byte>.Shared.Rent(length);
        Length = length;
    }

    public int Length { get; }

    public Memory<byte> Memory => _array.AsMemory(0, Length);

    public void Dispose() => ArrayPool<byte>.Shared.Return(_array);
}

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    internal static partial int Fchmod(int fd, uint mode);
}

public sealed class Extractor(IoRing ring)
{
    public async ValueTask WriteEntryAsync(int temporaryFd, Stream archive, int size, uint mode, CancellationToken cancellationToken)
    {
        using ChunkLease chunk = new(size);
        await archive.ReadExactlyAsync(chunk.Memory, cancellationToken);
        if (Native.Fchmod(temporaryFd, mode) < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "fchmod");
        }

        await ring.WriteAsync(temporaryFd, chunk.Memory, 0, cancellationToken);
    }
}
