using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys.Interop;

namespace AsyncSys.Backends;

/// <summary>
/// The eventfd a completion thread is woken through, owned so that a stray close() elsewhere in the process
/// cannot turn our wake-ups into writes to whatever file reuses the number (issue 16, item 15). Before each
/// use the number is checked to still name an eventfd: its identity (device and inode, from statx) is taken
/// at creation. Every eventfd shares one anonymous inode, so the check tells an eventfd from a file, a pipe or a
/// socket that took the number over, which is what writing or reading into would corrupt; it cannot tell two
/// eventfds apart, and writing 8 bytes to another eventfd only causes a spurious wake-up.
/// </summary>
internal sealed unsafe class WakeEventFd
{
    private const int AtEmptyPath = 0x1000;
    private const uint StatxIno = 0x100;

    private readonly ulong _inode;
    private readonly uint _devMajor;
    private readonly uint _devMinor;
    private int _lost;

    private WakeEventFd(int fd, in Statx identity)
    {
        Fd = fd;
        _inode = identity.Inode;
        _devMajor = identity.DevMajor;
        _devMinor = identity.DevMinor;
    }

    /// <summary>The descriptor number.</summary>
    internal int Fd { get; }

    /// <summary>Whether the number was found taken over by another file (then it is never used again).</summary>
    internal bool IsLost => Volatile.Read(ref _lost) != 0;

    /// <summary>Creates a non-blocking, close-on-exec eventfd.</summary>
    /// <exception cref="ErrnoException">eventfd or statx failed.</exception>
    internal static WakeEventFd Create()
    {
        int fd = Libc.eventfd(0, Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK);
        if (fd < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "eventfd");
        }

        if (!TryIdentify(fd, out Statx identity))
        {
            int errno = Marshal.GetLastPInvokeError();
            Libc.close(fd);
            throw new ErrnoException(errno, "statx", "identity of the wake eventfd");
        }

        return new WakeEventFd(fd, identity);
    }

    /// <summary>Whether the number still names an eventfd; false (for good) once another file took it over.</summary>
    internal bool IsIntact()
    {
        if (IsLost)
        {
            return false;
        }

        if (TryIdentify(Fd, out Statx now) && now.Inode == _inode && now.DevMajor == _devMajor && now.DevMinor == _devMinor)
        {
            return true;
        }

        Interlocked.Exchange(ref _lost, 1);
        return false;
    }

    /// <summary>Adds 1 to the counter; false (nothing written) if the number no longer names our eventfd.</summary>
    internal bool Signal()
    {
        if (!IsIntact())
        {
            return false;
        }

        ulong one = 1;
        return Libc.write(Fd, &one, 8) == 8 || Marshal.GetLastPInvokeError() == Errno.EAGAIN;
    }

    /// <summary>Empties the counter (non-blocking); nothing is read if the number no longer names our eventfd.</summary>
    internal void Drain()
    {
        if (IsIntact())
        {
            ulong drained;
            Libc.read(Fd, &drained, 8); // empty is fine
        }
    }

    /// <summary>Closes the descriptor, unless the number now belongs to someone else's file.</summary>
    internal void Close()
    {
        if (IsIntact())
        {
            Libc.close(Fd);
        }
    }

    private static bool TryIdentify(int fd, out Statx identity)
    {
        byte empty = 0;
        Statx buffer;
        int result = Libc.statx(fd, &empty, AtEmptyPath, StatxIno, &buffer);
        identity = buffer;
        return result == 0;
    }
}
