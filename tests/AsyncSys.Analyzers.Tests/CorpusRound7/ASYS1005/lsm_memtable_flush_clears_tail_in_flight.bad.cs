using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round7.Buffers.LsmTail;

/// <summary>Flushes an LSM memtable into the value log through one reusable tail buffer.</summary>
internal sealed class ValueLogFlusher(IoRing ring, int logFd)
{
    private readonly byte[] _tail = new byte[64 * 1024];
    private long _logEnd;

    public async Task FlushAsync(IEnumerable<ReadOnlyMemory<byte>> records, CancellationToken cancellationToken)
    {
        int used = 0;
        foreach (ReadOnlyMemory<byte> record in records)
        {
            if (record.IsEmpty)
            {
                continue;
            }

            if (used + record.Length > _tail.Length)
            {
                ValueTask write = ring.WriteAsync(logFd, _tail.AsMemory(0, used), _logEnd, cancellationToken);
                /*~ASYS1005*/_tail.AsSpan(0, used).Clear();   // zeroes the bytes the kernel is copying to the log
                await write;
                _logEnd += used;
                used = 0;
            }

            if (record.Length > _tail.Length)
            {
                break;
            }

            record.Span.CopyTo(_tail.AsSpan(used));
            used += record.Length;
        }

        if (used > 0)
        {
            await ring.WriteAsync(logFd, _tail.AsMemory(0, used), _logEnd, cancellationToken);
            _logEnd += used;
        }
    }
}
