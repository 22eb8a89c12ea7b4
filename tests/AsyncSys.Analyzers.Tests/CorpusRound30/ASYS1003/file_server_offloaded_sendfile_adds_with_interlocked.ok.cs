// The static-file server made right: the offloaded sendfile wrapper adds to the byte counter with Interlocked.Add, so
// parallel ranges on AsyncSys workers lose nothing.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round30.SharedState.FileServerByteCountInterlocked;

internal static class Native
{
    [DllImport("libc", EntryPoint = "sendfile", SetLastError = true)]
    internal static extern nint SendFile(int outFd, int inFd, ref long offset, nint count);
}

public static partial class FileSender
{
    private static long s_bytesServed;

    public static long BytesServed => Volatile.Read(ref s_bytesServed);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint SendRange(int socketFd, int fileFd, long offset, nint count)
    {
        nint sent = Native.SendFile(socketFd, fileFd, ref offset, count);
        if (sent > 0)
        {
            Interlocked.Add(ref s_bytesServed, sent);
        }

        return sent;
    }
}
