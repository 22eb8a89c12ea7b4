// A volatile flag set with `=` is a publication, not a lost update.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static partial class Watchdog
{
    private static volatile bool s_sawTimeout;

    internal static bool SawTimeout => s_sawTimeout;

    [LibraryImport("libc", EntryPoint = "usleep", SetLastError = true)]
    private static partial int USleep(uint microseconds);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Nap(uint microseconds)
    {
        int result = USleep(microseconds);
        if (result != 0)
        {
            s_sawTimeout = true;
        }

        return result;
    }
}
