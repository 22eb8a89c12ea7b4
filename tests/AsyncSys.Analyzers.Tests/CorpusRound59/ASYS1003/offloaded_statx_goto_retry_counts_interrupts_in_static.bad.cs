// A metadata scanner's statx wrapper runs on a blocking-call worker (RingOp.None). It retries on EINTR with a labeled goto, the way C code written around TEMP_FAILURE_RETRY does, and counts each retry in a static field for its metrics. The scanner starts the statx of every entry of a directory at once, so several workers run the wrapper together and the plain ++ on the shared counter loses increments.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus59.StatxGotoRetryBad;

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
            /*~ASYS1003*/s_interrupted++;
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
