// The async method awaits the local function's send inside the try, so the finally runs after it completed.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static class Replies
{
    public static async ValueTask<int> SendAsync(IoRing ring, int socket, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(body.Length);
        body.CopyTo(rented);
        int length = body.Length;
        try
        {
            return await Send();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        ValueTask<int> Send() => ring.SendAsync(socket, rented.AsMemory(0, length), MessageFlags.None, cancellationToken);
    }
}
