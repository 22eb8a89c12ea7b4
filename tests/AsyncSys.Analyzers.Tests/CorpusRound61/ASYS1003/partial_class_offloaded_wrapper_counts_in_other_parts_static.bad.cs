// A file-system probe's native bindings are one partial class written in two parts of the same file: the first declares the failure counter, the second the statfs wrapper, which runs on a blocking-call worker (RingOp.None) and bumps the counter with a plain ++ on each failure. The probe starts a statfs per mount at once, so several workers run the wrapper together and lose increments of the shared static.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.PartialOffloadedCounterBad;

internal static partial class FsNative
{
    internal static int s_failures;
}

internal static partial class FsNative
{
    [LibraryImport("libc", EntryPoint = "statfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatfsNative(string path, byte[] buffer);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Statfs(string path, byte[] buffer)
    {
        int rc = StatfsNative(path, buffer);
        if (rc < 0)
        {
            /*~ASYS1003*/s_failures++;
        }

        return rc;
    }
}

internal sealed class MountProbe(IoRing ring)
{
    public async Task ProbeAllAsync(string[] mounts, CancellationToken ct)
    {
        var pending = new Task<int>[mounts.Length];
        for (int i = 0; i < mounts.Length; i++)
        {
            pending[i] = FsNative.StatfsAsync(ring, mounts[i], new byte[120], ct).AsTask();
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
    }
}
