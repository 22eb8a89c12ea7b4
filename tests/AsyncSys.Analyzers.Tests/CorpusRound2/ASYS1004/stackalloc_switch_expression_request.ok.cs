// The same switch over a header in native memory, freed after the operation is awaited.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal enum Direction
{
    Send,
    Receive,
}

internal static class Messages
{
    public static async ValueTask<int> TransferAsync(IoRing ring, int socket, Direction direction, CancellationToken cancellationToken)
    {
        nint header = Allocate(56);
        try
        {
            RingRequest request = direction switch
            {
                Direction.Send => RingRequest.SendMsg(socket, header, 0),
                _ => RingRequest.RecvMsg(socket, header, 0),
            };
            return await ring.SubmitAsync(request, cancellationToken);
        }
        finally
        {
            Free(header);
        }
    }

    private static unsafe nint Allocate(nuint size) => (nint)NativeMemory.AllocZeroed(size);

    private static unsafe void Free(nint memory) => NativeMemory.Free((void*)memory);
}
