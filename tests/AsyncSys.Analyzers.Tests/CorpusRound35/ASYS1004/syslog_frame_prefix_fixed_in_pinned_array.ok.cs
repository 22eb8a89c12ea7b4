// The forwarder's msghdr array comes from the pinned object heap and is held by a readonly field, so the fixed block's
// end neither moves nor frees it.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Stack.SyslogPrefixPinned;

public sealed unsafe class SyslogFramer(IoRing ring, int socketFd)
{
    private readonly byte[] _header = GC.AllocateArray<byte>(56, pinned: true);

    public ValueTask<int> SendFrameAsync(int iovCount)
    {
        System.BitConverter.TryWriteBytes(_header.AsSpan(24), (long)iovCount);
        fixed (byte* p = _header)
        {
            return ring.SubmitAsync(RingRequest.SendMsg(socketFd, (nint)p, MessageFlags.None));
        }
    }
}
