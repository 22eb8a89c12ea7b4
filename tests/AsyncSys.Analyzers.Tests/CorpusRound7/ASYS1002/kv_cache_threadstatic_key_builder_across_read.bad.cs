using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round7.PerThread.KvKeyBuilder;

/// <summary>A key-value cache that builds its composite keys in a per-thread StringBuilder to avoid allocations.</summary>
internal sealed class ValueLoader(IoRing ring, int dataFd)
{
    [ThreadStatic]
    private static StringBuilder? t_keyBuilder;

    public async Task<string> LoadAsync(string table, long row, Memory<byte> into, long offset, CancellationToken cancellationToken)
    {
        StringBuilder key = t_keyBuilder ??= new StringBuilder(64);
        key.Clear().Append(table).Append('/').Append(row);
        int n = await ring.ReadAsync(dataFd, into, offset, cancellationToken);
        /*~ASYS1002*/key.Append('#').Append(n);   // another request on the first thread may be building its key in it now
        return key.ToString();
    }
}
