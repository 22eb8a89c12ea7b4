// A lambda given to Task.Run stackallocs a header and returns the receive's task, which outlives the lambda's frame.
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static class Receiver
{
    public static Task<int> StartAsync(IoRing ring, int socket) => Task.Run(() =>
    {
        unsafe
        {
            byte* header = stackalloc byte[56];
            new System.Span<byte>(header, 56).Clear();
            return ring.SubmitAsync(RingRequest.RecvMsg(socket, /*~ASYS1004*/(nint)header, 0)).AsTask();
        }
    });
}
