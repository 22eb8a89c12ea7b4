// A leader streams a log segment to a replica that is catching up: it fills a PipeWriter's memory with pread, awaits the pread, then advances by what was read and flushes.
using System;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Consensus.Replication;

public static unsafe partial class Libc
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    public static partial nint PRead(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    [AsyncSyscall]
    public static partial nint PWrite(int fd, byte* buffer, nuint count, long offset);
}

public sealed class SegmentStreamer
{
    private const int ChunkSize = 64 * 1024;

    public async Task StreamAsync(int fd, long length, PipeWriter output, CancellationToken ct)
    {
        long offset = 0;
        while (offset < length)
        {
            int want = (int)Math.Min(ChunkSize, length - offset);
            Memory<byte> memory = output.GetMemory(want);
            ValueTask<nint> read = Libc.PReadAsync(fd, memory[..want], offset, ct);
            nint n = await read;
            if (n <= 0) throw new InvalidOperationException("segment shorter than its index says");
            output.Advance((int)n);
            FlushResult flushed = await output.FlushAsync(ct);
            offset += n;
            if (flushed.IsCompleted) break;
        }

        await output.CompleteAsync();
    }
}
