// A backup tool writes deduplicated chunks to the repository through an offloaded wrapper and counts the bytes written
// in a static field that the progress bar reads. The wrapper now runs on several workers at once: `+=` on the field
// loses updates, and the final "written N bytes" figure is short of what was stored.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round24.SharedState.ChunkWriterProgress;

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
            /*~ASYS1003*/BytesWritten += n;
        }

        return n;
    }
}
