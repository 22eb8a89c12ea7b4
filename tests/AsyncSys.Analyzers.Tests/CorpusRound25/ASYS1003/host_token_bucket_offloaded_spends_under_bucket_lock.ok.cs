// The same per-host limiter, spending a token under the bucket's own lock after GetOrAdd: one worker at a time.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round25.SharedState.HostBucketLocked;

internal static class Native
{
    [DllImport("libc", EntryPoint = "send", SetLastError = true)]
    internal static extern nint Send(int fd, byte[] buffer, nint length, int flags);
}

public sealed class HostBucket
{
    public double Tokens = 4;
}

public static partial class PoliteSender
{
    private static readonly ConcurrentDictionary<string, HostBucket> s_buckets = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint SendRequest(string host, int socketFd, byte[] request)
    {
        HostBucket bucket = s_buckets.GetOrAdd(host, _ => new HostBucket());
        lock (bucket)
        {
            bucket.Tokens -= 1;
        }

        return Native.Send(socketFd, request, request.Length, 0);
    }
}
