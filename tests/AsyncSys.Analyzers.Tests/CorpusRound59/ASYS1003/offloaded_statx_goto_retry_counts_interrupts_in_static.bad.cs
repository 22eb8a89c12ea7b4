// A metadata scanner's statx wrapper runs on a blocking-call worker (RingOp.None). It retries on EINTR with a labeled goto, the way C code written around TEMP_FAILURE_RETRY does, and counts each retry in a static field for its metrics. The scanner starts the statx of every entry of a directory at once, so several workers run the wrapper together and the plain ++ on the shared counter loses increments.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus59.StatxGotoRetryBad;

internal static unsafe partial class Native
{
    internal static long s_interrupted;

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static partial int StatxNative(int dirfd, byte* path, int flags, uint mask, byte* statxbuf);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Statx(int dirfd, nint path, int flags, uint mask, nint statxbuf)
    {
        int rc;
    retry:
        rc = StatxNative(dirfd, (byte*)path, flags, mask, (byte*)statxbuf);
        if (rc < 0 && Marshal.GetLastPInvokeError() == 4)
        {
            /*~ASYS1003*/s_interrupted++;
            goto retry;
        }

        return rc;
    }
}

internal sealed class MetadataScanner(IoRing ring)
{
    public async Task ScanAsync(int dirfd, nint[] names, nint[] results, CancellationToken ct)
    {
        var pending = new Task<int>[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            pending[i] = Native.StatxAsync(ring, dirfd, names[i], 0, 0xfff, results[i], ct).AsTask();
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
    }
}
