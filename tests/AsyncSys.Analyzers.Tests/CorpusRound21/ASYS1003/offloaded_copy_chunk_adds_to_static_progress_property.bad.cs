// A copy CLI tool offloads copy_file_range per chunk and adds the copied bytes to a static auto-property that the
// progress bar reads. Parallel.ForEachAsync copies several files at once, so several workers run `+=` on the property
// together: a get and a set from two workers interleave and the progress total loses chunks.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.SharedState.CopyProgressStaticProperty;

public static class CopyStats
{
    public static long BytesCopied { get; set; }
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
            /*~ASYS1003*/CopyStats.BytesCopied += n;
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
