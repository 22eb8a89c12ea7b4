// A crawler limits requests per host with a token bucket object per host in a ConcurrentDictionary, spent inside the
// offloaded send wrapper through AddOrUpdate. The update lambda changes the bucket the dictionary already holds, and
// the dictionary runs that lambda outside its locks on every worker sending to the host at once: tokens are lost or
// spent twice and the crawler exceeds the host's crawl-delay, getting itself banned.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round25.SharedState.HostBucketUpdate;

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
        s_buckets.AddOrUpdate(host, _ => new HostBucket(), (_, bucket) =>
        {
            /*~ASYS1003*/bucket.Tokens -= 1;
            return bucket;
        });
        return Native.Send(socketFd, request, request.Length, 0);
    }
}
