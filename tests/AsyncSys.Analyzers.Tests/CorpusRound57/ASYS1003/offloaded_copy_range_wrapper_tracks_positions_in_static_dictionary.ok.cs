// A file-copy helper ported from FileStream keeps per-descriptor positions for its offloaded (RingOp.None) copy_file_range wrapper in a ConcurrentDictionary updated with AddOrUpdate, so copies started together with Task.WhenAll do not race on it.
using System;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus57.CopyRangePositionsOk;

internal static partial class Copier
{
    internal static readonly ConcurrentDictionary<int, long> s_positions = new();

    [LibraryImport("libc", EntryPoint = "copy_file_range", SetLastError = true)]
    private static partial nint CopyFileRangeNative(int fdIn, nint offIn, int fdOut, nint offOut, nuint length, uint flags);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static nint CopyRange(int fdIn, int fdOut, nuint length)
    {
        nint copied = CopyFileRangeNative(fdIn, 0, fdOut, 0, length, 0);
        if (copied > 0)
        {
            s_positions.AddOrUpdate(fdOut, (long)copied, (_, before) => before + copied);
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
