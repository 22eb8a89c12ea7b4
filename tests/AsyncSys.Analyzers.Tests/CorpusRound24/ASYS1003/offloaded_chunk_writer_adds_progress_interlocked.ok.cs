// The chunk writer made right: the progress counter is updated with Interlocked.Add, so overlapping worker calls all
// count.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round24.SharedState.ChunkWriterProgressOk;

internal static class Native
{
    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static extern nint Write(int fd, byte[] buffer, nint count);
}

public static partial class ChunkStore
{
    public static long BytesWritten;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint StoreChunk(int packFd, byte[] chunk)
    {
        nint n = Native.Write(packFd, chunk, chunk.Length);
        if (n > 0)
        {
            Interlocked.Add(ref BytesWritten, n);
        }

        return n;
    }
}
