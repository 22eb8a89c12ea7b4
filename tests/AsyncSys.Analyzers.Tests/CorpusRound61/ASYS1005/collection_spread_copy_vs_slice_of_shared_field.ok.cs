// The reply builder sends a collection-expression copy of the first reply, `[.. first.Span]`, so copying the next payload into the shared field's array while that send runs touches different memory.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.SliceOfSharedFieldOk;

internal sealed class ReplyBuilder(IoRing ring, int fd)
{
    private readonly byte[] _reply = new byte[1024];

    public byte[] Banner(ReadOnlySpan<byte> name, ReadOnlySpan<byte> version) => [.. name, (byte)'/', .. version];

    public async Task ReplyTwiceAsync(ReadOnlyMemory<byte> first, ReadOnlyMemory<byte> second, CancellationToken ct)
    {
        byte[] copy = [.. first.Span];
        ValueTask<int> send = ring.SendAsync(fd, copy, 0, ct);
        second.Span.CopyTo(_reply);
        await send.ConfigureAwait(false);
        await ring.SendAsync(fd, _reply.AsMemory(..second.Length), 0, ct).ConfigureAwait(false);
    }
}
