// A reply builder keeps one reply buffer per connection in a field and sends a slice of it; the slice `_reply.AsMemory(..n)` is the field's array, not a copy like the spread `[.. a, .. b]` elsewhere in the same class. While the send runs it builds the next reply by copying the next payload into the field's array before awaiting.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.SliceOfSharedFieldBad;

internal sealed class ReplyBuilder(IoRing ring, int fd)
{
    private readonly byte[] _reply = new byte[1024];

    public byte[] Banner(ReadOnlySpan<byte> name, ReadOnlySpan<byte> version) => [.. name, (byte)'/', .. version];

    public async Task ReplyTwiceAsync(ReadOnlyMemory<byte> first, ReadOnlyMemory<byte> second, CancellationToken ct)
    {
        first.CopyTo(_reply);
        ValueTask<int> send = ring.SendAsync(fd, _reply.AsMemory(..first.Length), 0, ct);
        second.Span.CopyTo(/*~ASYS1005*/_reply);
        await send.ConfigureAwait(false);
        await ring.SendAsync(fd, _reply.AsMemory(..second.Length), 0, ct).ConfigureAwait(false);
    }
}
