// The wrapper in the second part of the partial class counts failures with Interlocked.Increment on the counter the first part declares, so workers running it together lose no update.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.PartialOffloadedCounterOk;

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
            Interlocked.Increment(ref s_failures);
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
