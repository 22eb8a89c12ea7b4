// The wrapper changes the shared default options object instead of copying it.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal sealed class TruncateOptions
{
    public long Length;
    public bool Extend;
}

internal static partial class Files
{
    private static readonly TruncateOptions s_default = new();

    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    private static partial int FTruncate(int fd, long length);

    [AsyncSyscall(RingOp.None)]
    internal static int Truncate(int fd, long length)
    {
        /*~ASYS1003*/s_default.Length = length;
        return FTruncate(fd, s_default.Length);
    }
}
