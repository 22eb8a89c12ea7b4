// A WAL appender awaits the log write, then enters the transaction into the [ThreadStatic] ambient slot of the thread it resumed on before the helper that reads it.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus46.WalAmbientOk;

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
        long at = _lsn;
        _lsn = at + record.Length;
        await ring.WriteAsync(walFd, record, at, ct).ConfigureAwait(false);
        Ambient.Enter(transaction);
        Ambient.MarkDurable(at + record.Length);
    }
}
