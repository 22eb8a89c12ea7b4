// A backup agent limits how many chunks it sends per second with a token bucket held in an instance field, spent
// inside the offloaded sendfile wrapper. Parallel chunk uploads on AsyncSys workers check and decrement the field at
// the same time: tokens are spent twice or not at all, so the agent overruns the configured bandwidth cap.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round17.SharedState.BackupTokenBucket;

internal static class Native
{
    [DllImport("libc", EntryPoint = "sendfile", SetLastError = true)]
    internal static extern nint SendFile(int outFd, int inFd, ref long offset, nint count);
}

public sealed partial class ChunkUploader
{
    private int _tokens = 32;

    public void Refill(int tokens) => _tokens = tokens;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public nint SendChunk(int socketFd, int fileFd, long offset, nint length)
    {
        if (_tokens <= 0)
        {
            return 0;
        }

        /*~ASYS1003*/_tokens--;
        return Native.SendFile(socketFd, fileFd, ref offset, length);
    }
}
