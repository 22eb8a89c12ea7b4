// An offloaded instance wrapper reopens the log and stores the new descriptor in a field; two overlapping reopens leak one.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal sealed partial class RotatingLog(string path)
{
    private int _fd = -1;

    internal int Fd => _fd;

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
            int old = _fd;
            /*~ASYS1003*/_fd = fd;
            if (old >= 0)
            {
                CloseRaw(old);
            }
        }

        return fd;
    }
}
