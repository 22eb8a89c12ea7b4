// A file indexer appends a batch of records to its index file through the ring, then makes them durable with the
// blocking fdatasync wrapper inside its async flush: a thread-pool thread is held for the whole disk flush (tens of
// milliseconds on a busy disk, seconds on a slow USB drive) although the wrapper's FdatasyncAsync exists.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round27.Blocking.IndexFlushFdatasync;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fdatasync(int fd);
}

public sealed class IndexWriter(IoRing ring, int indexFd)
{
    private long _end;

    public async Task FlushAsync(ReadOnlyMemory<byte> batch, CancellationToken ct)
    {
        await ring.WriteAsync(indexFd, batch, _end, ct);
        _end += batch.Length;
        if (/*~ASYS1007*/Native.Fdatasync(indexFd) < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "fdatasync");
        }
    }
}
