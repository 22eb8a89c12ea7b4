// A Volatile.Write between epoll_wait and the errno check: a memory-ordering intrinsic does not touch errno.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Corpus;

internal static unsafe partial class EPoll
{
    public const int EINTR = 4;

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    internal static partial int Wait(int epfd, byte* events, int maxEvents, int timeout);
}

internal sealed unsafe class EventLoop
{
    private const int Blocked = 1;
    private const int NotBlocked = 0;
    private int _state;

    public int WaitOnce(int epfd, byte* events, int maxEvents)
    {
        Volatile.Write(ref _state, Blocked);
        int count = EPoll.Wait(epfd, events, maxEvents, -1);
        Volatile.Write(ref _state, NotBlocked);
        if (count == -1)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno == EPoll.EINTR)
            {
                return 0;
            }

            throw new ErrnoException(errno, "epoll_wait");
        }

        return count;
    }
}
