// The same copy CLI tool, written right: the offloaded chunk copy adds to a static counter field with Interlocked.Add,
// and the progress bar reads it with Interlocked.Read.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.SharedState.CopyProgressInterlocked;

public static class CopyStats
{
    private static long s_bytesCopied;

    public static long BytesCopied => Interlocked.Read(ref s_bytesCopied);

    public static void Add(long bytes) => Interlocked.Add(ref s_bytesCopied, bytes);
}

public static partial class FastCopy
{
    [LibraryImport("libc", EntryPoint = "copy_file_range", SetLastError = true)]
    private static partial nint CopyFileRange(int fdIn, ref long offIn, int fdOut, ref long offOut, nuint length, uint flags);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint CopyChunk(int fdIn, long offIn, int fdOut, long offOut, nint length)
    {
        nint n = CopyFileRange(fdIn, ref offIn, fdOut, ref offOut, (nuint)length, 0);
        if (n > 0)
        {
            CopyStats.Add(n);
        }

        return n;
    }
}

public sealed class CopyCommand
{
    public async Task RunAsync(IReadOnlyList<(int In, int Out, long Length)> files, CancellationToken ct)
    {
        await Parallel.ForEachAsync(files, ct, async (file, token) =>
        {
            for (long offset = 0; offset < file.Length;)
            {
                nint n = await FastCopy.CopyChunkAsync(file.In, offset, file.Out, offset, 1 << 20, token);
                if (n == 0)
                {
                    break;
                }

                offset += n;
            }
        });
    }
}
