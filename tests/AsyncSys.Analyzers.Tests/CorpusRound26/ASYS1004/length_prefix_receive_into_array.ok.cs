// The length-prefix reader made right: the prefix is received into an array the reader owns, which AsyncSys pins for the
// whole receive; the caller decodes it after awaiting.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round26.StackMemory.PrefixReceiveArray;

public sealed class LengthPrefixReader(IoRing ring, int socketFd)
{
    private readonly byte[] _prefix = new byte[4];

    public ValueTask<int> ReceivePrefixAsync(CancellationToken ct) =>
        ring.ReceiveAsync(socketFd, _prefix, MessageFlags.WaitAll, ct);

    public int DecodePrefix() => BinaryPrimitives.ReadInt32BigEndian(_prefix);
}
