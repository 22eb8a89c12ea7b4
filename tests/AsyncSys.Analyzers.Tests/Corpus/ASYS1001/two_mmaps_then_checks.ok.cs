// Each mmap is checked, and errno read, right after its own call.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static unsafe partial class Sys
{
    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    internal static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, long offset);
}

internal sealed class RingMapping
{
    private const nint MapFailed = -1;

    public nint SubmissionQueue { get; private set; }

    public nint CompletionQueue { get; private set; }

    public void Map(int ringFd, nuint sqSize, nuint cqSize)
    {
        nint sq = Sys.Mmap(0, sqSize, 3, 0x8001, ringFd, 0);
        if (sq == MapFailed)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "mmap", "submission queue");
        }

        nint cq = Sys.Mmap(0, cqSize, 3, 0x8001, ringFd, 0x8000000);
        if (cq == MapFailed)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "mmap", "completion queue");
        }

        SubmissionQueue = sq;
        CompletionQueue = cq;
    }
}
