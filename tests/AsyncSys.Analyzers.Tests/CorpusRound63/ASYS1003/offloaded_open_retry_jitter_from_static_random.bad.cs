// An offloaded (RingOp.None) open wrapper retries EAGAIN from a FUSE mount with a jittered back-off drawn from a static `new Random()`. System.Random is not thread-safe: the wrappers run on several pool workers at once, and concurrent Next calls corrupt its state until it returns only zeros, so every retry then sleeps the same time.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus63.OpenRetryStaticRandomBad;

internal static partial class FuseNative
{
    private static readonly Random s_jitter = new();

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenNative(string path, int flags);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int OpenWithRetry(string path, int flags)
    {
        for (int attempt = 0; ; attempt++)
        {
            int fd = OpenNative(path, flags);
            if (fd >= 0 || Marshal.GetLastPInvokeError() != 11 || attempt == 4)
            {
                return fd;
            }

            Thread.Sleep(/*~ASYS1003*/s_jitter.Next(1, 20));
        }
    }
}

internal sealed class MountWarmer(IoRing ring)
{
    public async Task<int[]> OpenAllAsync(string[] paths, CancellationToken ct)
    {
        var pending = new Task<int>[paths.Length];
        for (int i = 0; i < paths.Length; i++)
        {
            pending[i] = FuseNative.OpenWithRetryAsync(ring, paths[i], 0, ct).AsTask();
        }

        return await Task.WhenAll(pending).ConfigureAwait(false);
    }
}
