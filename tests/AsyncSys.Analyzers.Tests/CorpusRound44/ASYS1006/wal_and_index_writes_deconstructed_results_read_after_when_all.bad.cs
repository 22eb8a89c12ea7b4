// A commit writes the WAL record and the index entry as a deconstructed pair of ValueTasks, waits for both through AsTask in Task.WhenAll, then reads each ValueTask's Result: AsTask already consumed them.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round44.PairCommit;

public sealed class PairCommit
{
    private readonly IoRing _ring;
    private readonly int _walFd;
    private readonly int _indexFd;

    public PairCommit(IoRing ring, int walFd, int indexFd)
    {
        _ring = ring;
        _walFd = walFd;
        _indexFd = indexFd;
    }

    public async Task<(int Wal, int Index)> CommitAsync(ReadOnlyMemory<byte> record, ReadOnlyMemory<byte> entry, long walTail, long indexTail, CancellationToken ct)
    {
        var (walWrite, indexWrite) = (_ring.WriteAtMostAsync(_walFd, record, walTail, ct), _ring.WriteAtMostAsync(_indexFd, entry, indexTail, ct));
        await Task.WhenAll(walWrite.AsTask(), indexWrite.AsTask());
        return (/*~ASYS1006*/walWrite.Result, /*~ASYS1006*/indexWrite.Result);
    }
}
