using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round7.PerThread.KvKeyBuilderOk;

/// <summary>A key-value cache that builds its composite keys in a per-thread StringBuilder, finished before the read.</summary>
internal sealed class ValueLoader(IoRing ring, int dataFd)
{
    [ThreadStatic]
    private static StringBuilder? t_keyBuilder;

    public async Task<string> LoadAsync(string table, long row, Memory<byte> into, long offset, CancellationToken cancellationToken)
    {
        StringBuilder builder = t_keyBuilder ??= new StringBuilder(64);
        string key = builder.Clear().Append(table).Append('/').Append(row).ToString();
        int n = await ring.ReadAsync(dataFd, into, offset, cancellationToken);
        return key + "#" + n;
    }
}
