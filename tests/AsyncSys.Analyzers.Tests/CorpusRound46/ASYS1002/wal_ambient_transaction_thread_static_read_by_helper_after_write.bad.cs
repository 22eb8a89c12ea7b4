// A WAL appender enters the transaction into a [ThreadStatic] ambient slot, awaits the log write, then calls a helper that reads the ambient slot: after the await it runs on whatever thread completed the write.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus46.WalAmbientBad;

internal sealed class WalTransaction(long id)
{
    public long Id { get; } = id;

    public int Records;

    public long DurableLsn;
}

internal static class Ambient
{
    [ThreadStatic]
    private static WalTransaction? t_current;

    public static void Enter(WalTransaction transaction) => t_current = transaction;

    public static void MarkDurable(long lsn)
    {
        WalTransaction transaction = t_current ?? throw new InvalidOperationException("no transaction on this thread");
        transaction.Records++;
        transaction.DurableLsn = lsn;
    }
}

internal sealed class WalAppender(IoRing ring, int walFd)
{
    private long _lsn;

    public async Task AppendAsync(WalTransaction transaction, ReadOnlyMemory<byte> record, CancellationToken ct)
    {
        Ambient.Enter(transaction);
        long at = _lsn;
        _lsn = at + record.Length;
        await ring.WriteAsync(walFd, record, at, ct).ConfigureAwait(false);
        /*~ASYS1002*/Ambient.MarkDurable(at + record.Length);
    }
}
