// A counter written by ordinary synchronous code that no offloaded wrapper calls.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static partial class Sys
{
    private static int s_opened;

    [LibraryImport("libc", EntryPoint = "dup", SetLastError = true)]
    private static partial int DupRaw(int fd);

    [AsyncSyscall(RingOp.None)]
    internal static int Dup(int fd) => DupRaw(fd);

    internal static int DupCounted(int fd)
    {
        int copy = DupRaw(fd);
        s_opened++;
        return copy;
    }
}
