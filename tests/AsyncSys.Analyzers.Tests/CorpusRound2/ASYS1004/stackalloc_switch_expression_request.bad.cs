// A switch expression picks sendmsg or recvmsg over one stackalloc header; the request is submitted and its task returned.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal enum Direction
{
    Send,
    Receive,
}

internal static unsafe class Messages
{
    public static ValueTask<int> TransferAsync(IoRing ring, int socket, Direction direction, CancellationToken cancellationToken)
    {
        byte* header = stackalloc byte[56];
        new System.Span<byte>(header, 56).Clear();
        RingRequest request = direction switch
        {
            Direction.Send => RingRequest.SendMsg(socket, /*~ASYS1004*/(nint)header, 0),
            _ => RingRequest.RecvMsg(socket, /*~ASYS1004*/(nint)header, 0),
        };
        return ring.SubmitAsync(request, cancellationToken);
    }
}
