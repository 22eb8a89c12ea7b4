// A feature-store page reader hands a pointer to its staging page to a custom read shim through the generated worker
// variant. The page is an ordinary byte[] field pinned with `fixed` only while the method runs; the task is returned
// from inside the block, so once the block ends the GC may compact the array away while the worker's read still writes
// through the old address.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.StackMemory.StagingFixedPlainArray;

internal static partial class Native
{
    [LibraryImport("libfeatures", EntryPoint = "fs_read_page", SetLastError = true)]
    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    internal static partial int ReadPage(int store, long pageNumber, nint destination, int length);
}

public sealed class FeaturePageReader(int store)
{
    private readonly byte[] _staging = new byte[16384];

    public unsafe ValueTask<int> StartRead(long pageNumber, CancellationToken ct)
    {
        fixed (byte* p = _staging)
        {
            return Native.ReadPageAsync(store, pageNumber, /*~ASYS1004*/(nint)p, _staging.Length, ct);
        }
    }
}
