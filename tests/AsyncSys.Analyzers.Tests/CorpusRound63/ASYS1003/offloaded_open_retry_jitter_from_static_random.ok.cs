// The same back-off drawn from Random.Shared, which .NET makes safe for concurrent callers: the workers each get valid jitter.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus63.OpenRetryStaticRandomOk;

internal static partial class FuseNative
{

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

            Thread.Sleep(Random.Shared.Next(1, 20));
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
