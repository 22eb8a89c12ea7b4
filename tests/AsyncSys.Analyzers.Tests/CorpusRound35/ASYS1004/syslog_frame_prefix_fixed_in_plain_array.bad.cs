// The syslog forwarder keeps the msghdr of its octet-counted frames (iovecs: prefix and message, in native memory) in an
// ordinary byte[] field: it pins it with fixed and returns the sendmsg's task from inside the block. The pin ends at
// the brace, the GC may move the array while the kernel still reads the header, and the collector gets a corrupt frame.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Stack.SyslogPrefixFixed;

public sealed unsafe class SyslogFramer(IoRing ring, int socketFd)
{
    private readonly byte[] _header = new byte[56];

    public ValueTask<int> SendFrameAsync(int iovCount)
    {
        System.BitConverter.TryWriteBytes(_header.AsSpan(24), (long)iovCount);
        fixed (byte* p = _header)
        {
            return ring.SubmitAsync(RingRequest.SendMsg(socketFd, /*~ASYS1004*/(nint)p, MessageFlags.None));
        }
    }
}
