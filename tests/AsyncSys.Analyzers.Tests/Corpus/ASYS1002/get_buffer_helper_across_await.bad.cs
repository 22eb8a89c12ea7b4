// The classic `GetBuffer() => _buffer ?? (_buffer = new byte[...])` per-thread buffer, filled by a read and parsed after the await.
using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class ThreadBuffers
{
    [ThreadStatic]
    private static byte[]? _buffer;

    public static byte[] GetBuffer() => _buffer ?? (_buffer = new byte[65536]);
}

internal static class ProcReader
{
    public static async Task<string> ReadMountsAsync(IoRing ring, int fd, CancellationToken cancellationToken)
    {
        byte[] buffer = ThreadBuffers.GetBuffer();
        int n = await ring.ReadAsync(fd, buffer, 0, cancellationToken);
        return Encoding.UTF8.GetString(/*~ASYS1002*/buffer, 0, n);
    }
}
