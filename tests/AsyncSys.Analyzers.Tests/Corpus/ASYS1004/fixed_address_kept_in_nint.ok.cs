// The header array is pinned with a GCHandle that is released after the send completed.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Messenger
{
    public static async ValueTask<int> SendAsync(IoRing ring, int socket, byte[] messageHeader, CancellationToken cancellationToken)
    {
        GCHandle pin = GCHandle.Alloc(messageHeader, GCHandleType.Pinned);
        try
        {
            return await ring.SubmitAsync(RingRequest.SendMsg(socket, pin.AddrOfPinnedObject(), 0), cancellationToken);
        }
        finally
        {
            pin.Free();
        }
    }
}
