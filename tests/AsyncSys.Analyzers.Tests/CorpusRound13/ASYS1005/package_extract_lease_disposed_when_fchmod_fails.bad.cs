// A package extractor writes each regular file's data into an O_TMPFILE inode (linked into place later with linkat).
// The data comes from a ChunkLease (a struct whose Dispose returns its array to ArrayPool) held by a `using`
// declaration. To save a round trip, the entry's mode is set with fchmod while the ring write runs. When fchmod fails
// (EPERM on a root-squashed NFS export, a setuid bit the filesystem refuses) the exception leaves the method before
// `await write`: the lease gives the chunk back to the pool while the kernel still reads it, and the next entry's data,
// rented into the same array, can end up in this file.
using System;
using System.Buffers;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round13.BuffersInFlight.ExtractLeaseOnFchmodFailure;

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
        /*~ASYS1005*/using ChunkLease chunk = new(size);
        await archive.ReadExactlyAsync(chunk.Memory, cancellationToken);
        ValueTask write = ring.WriteAsync(temporaryFd, chunk.Memory, 0, cancellationToken);
        if (Native.Fchmod(temporaryFd, mode) < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "fchmod");
        }

        await write;
    }
}
