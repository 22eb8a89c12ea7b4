// A chunk appender writes a pooled header and the payload with one pwritev, then clears the header for the next chunk before the write completed.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace ArrayStore;

[StructLayout(LayoutKind.Sequential)]
public struct IoVector { public nint Base; public nuint Length; }

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "pwritev", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PWriteV(int fd, IoVector* iov, int iovcnt, long offset);
}

public sealed class ChunkAppender(int fd) : IDisposable
{
    private readonly byte[] _header = ArrayPool<byte>.Shared.Rent(32);
    private long _tail;

    public async Task<long> AppendAsync(long chunkIndex, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_header, chunkIndex);
        BinaryPrimitives.WriteInt64LittleEndian(_header.AsSpan(8), payload.Length);
        var segments = new ReadOnlyMemory<byte>[] { _header.AsMemory(0, 16), payload };
        long at = _tail;
        ValueTask<nint> write = Native.PWriteVAsync(fd, segments, at, ct);
        /*~ASYS1005*/_header.AsSpan(0, 16).Clear();
        nint n = await write;
        _tail = at + n;
        return at;
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_header);
}
