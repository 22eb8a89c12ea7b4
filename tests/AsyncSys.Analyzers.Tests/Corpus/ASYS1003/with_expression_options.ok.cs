// `with` copies a shared default into a per-call record; only the copy is changed.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal sealed record TruncateOptions(long Length, bool Extend);

internal static partial class Files
{
    private static readonly TruncateOptions s_default = new(0, Extend: false);

    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    private static partial int FTruncate(int fd, long length);

    [AsyncSyscall(RingOp.None)]
    internal static int Truncate(int fd, long length)
    {
        TruncateOptions options = s_default with { Length = length };
        return FTruncate(fd, options.Length);
    }
}
