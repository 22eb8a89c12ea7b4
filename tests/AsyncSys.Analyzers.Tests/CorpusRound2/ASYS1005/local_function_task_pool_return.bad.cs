// A local function starts the send; its task is returned from a try whose finally gives the buffer back to the pool.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static class Replies
{
    public static ValueTask<int> SendAsync(IoRing ring, int socket, ReadOnlySpan<byte> body, CancellationToken cancellationToken)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(body.Length);
        body.CopyTo(rented);
        int length = body.Length;
        try
        {
            return Send();
        }
        finally
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(rented);
        }

        ValueTask<int> Send() => ring.SendAsync(socket, rented.AsMemory(0, length), MessageFlags.None, cancellationToken);
    }
}
