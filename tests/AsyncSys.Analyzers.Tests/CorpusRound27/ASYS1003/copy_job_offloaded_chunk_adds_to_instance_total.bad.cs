// A copy job splits a large file into 64 MiB ranges copied with copy_file_range through an offloaded instance wrapper,
// all started at once; each call adds its bytes to the job's progress field with a plain +=, so workers finishing
// together lose updates and the job reports less copied than it did (and its "done" check never fires).
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round27.SharedState.CopyJobProgress;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "copy_file_range", SetLastError = true)]
    internal static partial nint CopyFileRange(int fdIn, ref long offIn, int fdOut, ref long offOut, nuint length, uint flags);
}

public sealed partial class CopyJob
{
    private const long RangeSize = 64L << 20;
    private long _copied;

    public long Copied => Interlocked.Read(ref _copied);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public nint CopyRange(int source, int destination, long offset, long length)
    {
        long inOffset = offset;
        long outOffset = offset;
        nint n = Native.CopyFileRange(source, ref inOffset, destination, ref outOffset, (nuint)length, 0);
        if (n > 0)
        {
            /*~ASYS1003*/_copied += n;
        }

        return n;
    }

    public async Task RunAsync(int source, int destination, long size, CancellationToken ct)
    {
        var ranges = new List<Task<nint>>();
        for (long at = 0; at < size; at += RangeSize)
        {
            ranges.Add(CopyRangeAsync(source, destination, at, Math.Min(RangeSize, size - at), ct).AsTask());
        }

        await Task.WhenAll(ranges);
    }
}
