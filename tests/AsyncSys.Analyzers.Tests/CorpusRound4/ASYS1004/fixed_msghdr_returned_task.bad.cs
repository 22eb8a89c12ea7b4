using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Stack.FixedHeader;

internal sealed class DatagramSender
{
    private readonly IoRing _ring;
    private readonly byte[] _header = new byte[56];   // a struct msghdr, filled elsewhere

    public DatagramSender(IoRing ring) => _ring = ring;

    public unsafe ValueTask<int> SendPrepared(int fd)
    {
        fixed (byte* header = _header)
        {
            return _ring.SubmitAsync(RingRequest.SendMsg(fd, /*~ASYS1004*/(nint)header, 0));   // unpinned at the brace
        }
    }
}
