// A static-file server sends byte ranges through an offloaded sendfile wrapper and adds the bytes sent to a static
// counter behind its bandwidth statistics. Many ranges are sent in parallel on AsyncSys workers: the unsynchronized
// `+=` loses additions, so the reported egress (and the per-tenant bill built from it) is too low.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round30.SharedState.FileServerByteCount;

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
            /*~ASYS1003*/s_bytesServed += sent;
        }

        return sent;
    }
}
