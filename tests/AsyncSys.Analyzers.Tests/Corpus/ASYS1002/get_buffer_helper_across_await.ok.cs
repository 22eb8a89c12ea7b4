// The per-thread buffer is used only by synchronous parsing; the read goes into a buffer of the call.
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
        byte[] buffer = new byte[65536];
        int n = await ring.ReadAsync(fd, buffer, 0, cancellationToken);
        return Decode(buffer.AsSpan(0, n));
    }

    private static string Decode(ReadOnlySpan<byte> bytes)
    {
        byte[] scratch = ThreadBuffers.GetBuffer();
        int length = Math.Min(bytes.Length, scratch.Length);
        bytes.Slice(0, length).CopyTo(scratch);
        return Encoding.UTF8.GetString(scratch, 0, length);
    }
}
