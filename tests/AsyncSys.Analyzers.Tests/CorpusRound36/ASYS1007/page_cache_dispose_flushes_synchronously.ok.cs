// The page cache's synchronous Dispose (called by a `using` at shutdown, not async) makes the data file durable with
// the blocking fsync wrapper: blocking is the caller's choice here, and its async DisposeAsync awaits the variant.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.Blocking.PageCacheDispose;

internal static class Native
{
    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    internal static extern int Fsync(int fd);
}

public static partial class DataFile
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Flush(int fd) => Native.Fsync(fd);
}

public sealed class PageCacheHandle(int dataFd) : IDisposable, IAsyncDisposable
{
    public void Dispose()
    {
        if (DataFile.Flush(dataFd) != 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "fsync");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DataFile.FlushAsync(dataFd);
    }
}
