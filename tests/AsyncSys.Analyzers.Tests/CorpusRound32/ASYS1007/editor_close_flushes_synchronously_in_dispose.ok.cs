// A document window's synchronous Dispose (run when the window closes and nothing can await) flushes the file with the
// blocking wrapper: there is no async method to free, and the async variant could not be awaited here.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round32.Blocking.EditorDisposeFlushes;

internal static class Native
{
    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    internal static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static extern int Close(int fd);
}

public static partial class Durable
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Flush(int fd) => Native.Fsync(fd);
}

public sealed class DocumentWindow(IoRing ring, int documentFd) : IDisposable
{
    public async Task SaveAsync(ReadOnlyMemory<byte> content)
    {
        await ring.WriteAsync(documentFd, content, 0);
        await Durable.FlushAsync(documentFd);
    }

    public void Dispose()
    {
        Durable.Flush(documentFd);
        Native.Close(documentFd);
    }
}
