// The pinned address escapes the fixed block in an nint and is submitted after the pin ended.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static unsafe class Messenger
{
    public static ValueTask<int> SendAsync(IoRing ring, int socket, byte[] messageHeader, CancellationToken cancellationToken)
    {
        nint header;
        fixed (byte* p = messageHeader)
        {
            header = (nint)p;
        }

        return ring.SubmitAsync(RingRequest.SendMsg(socket, /*~ASYS1004*/header, 0), cancellationToken);
    }
}
