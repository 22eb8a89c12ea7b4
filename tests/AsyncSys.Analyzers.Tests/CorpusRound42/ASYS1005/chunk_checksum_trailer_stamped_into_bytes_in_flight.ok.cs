// A chunk writer stamps the Fletcher-32 into the chunk's last four bytes, then starts the pwrite and only reads the chunk (a verification sum) while it runs.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace ArrayStore;

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PWrite(int fd, byte* buffer, nuint count, long offset);
}

public sealed class ChecksummedChunkWriter(int fd)
{
    private static uint Fletcher32(ReadOnlySpan<byte> data)
    {
        uint a = 0xffff, b = 0xffff;
        foreach (byte x in data) { a = (a + x) % 65535; b = (b + a) % 65535; }
        return b << 16 | a;
    }

    public async Task<long> AppendAsync(ReadOnlyMemory<byte> encoded, long offset, CancellationToken ct)
    {
        int n = encoded.Length + 4;
        byte[] chunk = ArrayPool<byte>.Shared.Rent(n);
        try
        {
            encoded.Span.CopyTo(chunk);
            BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(n - 4), Fletcher32(encoded.Span));
            ValueTask<nint> write = Native.PWriteAsync(fd, chunk.AsMemory(0, n), offset, ct);
            uint whole = Fletcher32(chunk.AsSpan(0, n));
            nint written = await write;
            return whole == 0 ? -1 : offset + written;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
