// A dataset writer writes every chunk with Parallel.ForAsync whose async lambda awaits each pwrite.
using System;
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

public sealed class DatasetWriter(int fd, int chunkBytes)
{
    public Task WriteAllAsync(ReadOnlyMemory<byte>[] chunks, long dataOffset, CancellationToken ct) =>
        Parallel.ForAsync(0, chunks.Length, ct, async (i, token) =>
        {
            await Native.PWriteAsync(fd, chunks[i], dataOffset + (long)i * chunkBytes, token);
        });
}
