// A cgroup stats agent writes each snapshot to its spool file through the ring and, while the write runs, copies the
// same bytes into the cache its HTTP endpoint serves. The snapshot is only the copy's source: both the kernel and the
// copy read it, nothing writes it until the write has been awaited.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round31.InFlight.CgroupSnapshotCopiedWhileWritten;

public sealed class SnapshotSpooler(IoRing ring, int spoolFd)
{
    private readonly byte[] _served = new byte[4096];
    private int _servedLength;
    private long _offset;

    public async Task SpoolAsync(byte[] snapshot, int length, CancellationToken ct)
    {
        var write = ring.WriteAsync(spoolFd, snapshot.AsMemory(0, length), _offset, ct);
        snapshot.AsSpan(0, length).CopyTo(_served);
        _servedLength = length;
        await write;
        _offset += length;
    }

    public ReadOnlyMemory<byte> Served => _served.AsMemory(0, _servedLength);
}
