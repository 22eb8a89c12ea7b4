// An endpoint agent answers fanotify permission events. To keep the event loop moving it starts the verdict write and
// discards its ValueTask. A failed write (EBADF, ENOENT after the kernel's timeout) is never seen, and the response
// buffer, reused for the next event, may be rewritten before the write copies it: a DENY goes out as an ALLOW.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round17.Unobserved.FanotifyVerdictDiscarded;

public sealed class PermissionLoop(IoRing ring, int fanotifyFd)
{
    private readonly byte[] _response = new byte[8];

    public void Answer(int eventFd, bool allow)
    {
        System.BitConverter.TryWriteBytes(_response.AsSpan(0, 4), eventFd);
        System.BitConverter.TryWriteBytes(_response.AsSpan(4, 4), allow ? 0x01 : 0x02);
        /*~ASYS1006*/ring.WriteAtMostAsync(fanotifyFd, _response);
    }
}
