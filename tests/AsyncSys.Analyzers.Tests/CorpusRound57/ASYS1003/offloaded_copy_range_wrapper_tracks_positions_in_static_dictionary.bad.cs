// A file-copy helper ported from FileStream kept the stream's position bookkeeping: its copy_file_range wrapper, which the generator runs on a blocking-call worker (RingOp.None), advances a static Dictionary of per-descriptor positions. The port starts the copies of several files at once with Task.WhenAll, so workers write the dictionary concurrently and can corrupt it.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus57.CopyRangePositionsBad;

internal static partial class Copier
{
    internal static readonly Dictionary<int, long> s_positions = new();

    [LibraryImport("libc", EntryPoint = "copy_file_range", SetLastError = true)]
    private static partial nint CopyFileRangeNative(int fdIn, nint offIn, int fdOut, nint offOut, nuint length, uint flags);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static nint CopyRange(int fdIn, int fdOut, nuint length)
    {
        nint copied = CopyFileRangeNative(fdIn, 0, fdOut, 0, length, 0);
        if (copied > 0)
        {
            /*~ASYS1003*/s_positions[fdOut] = s_positions.GetValueOrDefault(fdOut) + copied;
        }

        return copied;
    }
}

internal sealed class TreeCopy(IoRing ring)
{
    public async Task CopyAllAsync((int Source, int Target, long Length)[] files, CancellationToken ct)
    {
        var copies = new Task[files.Length];
        for (int i = 0; i < files.Length; i++)
        {
            copies[i] = Copier.CopyRangeAsync(ring, files[i].Source, files[i].Target, (nuint)files[i].Length, ct).AsTask();
        }

        await Task.WhenAll(copies).ConfigureAwait(false);
    }
}
