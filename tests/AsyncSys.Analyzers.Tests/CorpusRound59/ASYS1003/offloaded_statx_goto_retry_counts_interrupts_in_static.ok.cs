// The statx wrapper keeps its goto retry but counts the retries with Interlocked.Increment, so the workers running it together do not lose counts.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus59.StatxGotoRetryOk;

internal static partial class Native
{
    internal static long s_interrupted;

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatxNative(int dirfd, string path, int flags, uint mask, byte[] statxbuf);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Statx(int dirfd, string path, int flags, uint mask, byte[] statxbuf)
    {
        int rc;
    retry:
        rc = StatxNative(dirfd, path, flags, mask, statxbuf);
        if (rc < 0 && Marshal.GetLastPInvokeError() == 4)
        {
            Interlocked.Increment(ref s_interrupted);
            goto retry;
        }

        return rc;
    }
}

internal sealed class MetadataScanner(IoRing ring)
{
    public async Task ScanAsync(int dirfd, string[] names, byte[][] results, CancellationToken ct)
    {
        var pending = new Task<int>[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            pending[i] = Native.StatxAsync(ring, dirfd, names[i], 0, 0xfff, results[i], ct).AsTask();
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
    }
}
