// The same index flush awaiting the generated FdatasyncAsync, which throws ErrnoException on failure itself.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round27.Blocking.IndexFlushFdatasyncAsync;

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
        await Native.FdatasyncAsync(indexFd, ct);
    }
}
