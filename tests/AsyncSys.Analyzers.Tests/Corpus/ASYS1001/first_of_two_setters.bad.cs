// fchown's errno is asked for after fchmod ran as well.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static partial class Sys
{
    [LibraryImport("libc", EntryPoint = "fchown", SetLastError = true)]
    internal static partial int FChown(int fd, uint owner, uint group);

    [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    internal static partial int FChmod(int fd, uint mode);
}

internal static class Ownership
{
    public static void Apply(int fd, uint uid, uint gid, uint mode)
    {
        int chown = Sys.FChown(fd, uid, gid);
        int chmod = Sys.FChmod(fd, mode);
        if (chown != 0)
        {
            throw new ErrnoException(/*~ASYS1001*/Marshal.GetLastPInvokeError(), "fchown");
        }

        if (chmod != 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "fchmod");
        }
    }
}
