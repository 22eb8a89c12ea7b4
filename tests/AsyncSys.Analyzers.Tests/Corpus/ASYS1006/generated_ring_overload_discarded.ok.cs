// The hint's task is returned to the caller.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "posix_fadvise", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int FAdvise(int fd, long offset, long length, int advice);
}

internal static class ReadAhead
{
    private const int WillNeed = 3;

    public static async Task HintAsync(IoRing ring, int fd, long offset, long length)
    {
        await Libc.FAdviseAsync(ring, fd, offset, length, WillNeed);
    }
}
