// An async dataset opener counts invalid chunk headers in a loop that awaits the pread variant for each header.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace ArrayStore;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PRead(int fd, Span<byte> buffer, nuint count, long offset);
}

public sealed class DatasetOpener(int fd)
{
    private const uint ChunkMagic = 0x4B4E4843;

    public async Task<int> CountBadHeadersAsync(long[] chunkOffsets, CancellationToken ct)
    {
        await Task.Yield();
        var header = new byte[16];
        int bad = 0;
        foreach (long offset in chunkOffsets)
        {
            nint n = await Native.PReadAsync(fd, header, offset, ct);
            if (n != header.Length || BitConverter.ToUInt32(header, 0) != ChunkMagic) bad++;
        }

        return bad;
    }
}
