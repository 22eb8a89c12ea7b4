// A broker's durable-queue writer consumes batches with await foreach and makes each durable by awaiting the fdatasync variant.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Broker.Durable;

internal static partial class Sys
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fdatasync(int fd);
}

public sealed class DurableWriter
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private long _position;

    public DurableWriter(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    public async Task<long> DrainAsync(IAsyncEnumerable<ReadOnlyMemory<byte>> batches, CancellationToken ct)
    {
        long durable = 0;
        await foreach (ReadOnlyMemory<byte> batch in batches.WithCancellation(ct))
        {
            await _ring.WriteAsync(_fd, batch, _position, ct);
            _position += batch.Length;
            await Sys.FdatasyncAsync(_ring, _fd, ct);
            durable = _position;
        }

        return durable;
    }
}
