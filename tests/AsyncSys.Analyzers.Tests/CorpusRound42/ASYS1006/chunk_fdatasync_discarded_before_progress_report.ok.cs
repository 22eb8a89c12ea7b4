// A chunk writer awaits the fdatasync of each written chunk before reporting it as durable through IProgress.
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

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fdatasync(int fd);
}

public readonly record struct Durable(long Chunk, long End);

public sealed class DurableChunkWriter(int fd, IProgress<Durable> progress)
{
    public async Task WriteAsync(long chunk, ReadOnlyMemory<byte> bytes, long offset, CancellationToken ct)
    {
        nint n = await Native.PWriteAsync(fd, bytes, offset, ct);
        await Native.FdatasyncAsync(fd, ct);
        progress.Report(new Durable(chunk, offset + n));
    }
}
