// The new descriptor is swapped in with Interlocked.Exchange, so each old one is closed exactly once.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Corpus;

internal sealed partial class RotatingLog(string path)
{
    private int _fd = -1;

    internal int Fd => Volatile.Read(ref _fd);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenRaw(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int CloseRaw(int fd);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int Reopen()
    {
        int fd = OpenRaw(path, 0x441, 0x1A4);
        if (fd >= 0)
        {
            int old = Interlocked.Exchange(ref _fd, fd);
            if (old >= 0)
            {
                CloseRaw(old);
            }
        }

        return fd;
    }
}
