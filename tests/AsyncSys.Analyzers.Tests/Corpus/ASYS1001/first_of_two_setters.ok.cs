// Each call is checked before the next one runs.
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
        if (Sys.FChown(fd, uid, gid) != 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "fchown");
        }

        if (Sys.FChmod(fd, mode) != 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "fchmod");
        }
    }
}
