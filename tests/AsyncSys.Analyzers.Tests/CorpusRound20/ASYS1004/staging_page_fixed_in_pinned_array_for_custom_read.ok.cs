// The same reader with the staging page allocated on the pinned object heap and held by a readonly field set only to
// that array: `fixed` only takes its address, the array never moves and lives as long as the reader.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.StackMemory.StagingFixedPinnedArray;

internal static partial class Native
{
    [LibraryImport("libfeatures", EntryPoint = "fs_read_page", SetLastError = true)]
    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    internal static partial int ReadPage(int store, long pageNumber, nint destination, int length);
}

public sealed class FeaturePageReader(int store)
{
    private readonly byte[] _staging = GC.AllocateUninitializedArray<byte>(16384, pinned: true);

    public unsafe ValueTask<int> StartRead(long pageNumber, CancellationToken ct)
    {
        fixed (byte* p = _staging)
        {
            return Native.ReadPageAsync(store, pageNumber, (nint)p, _staging.Length, ct);
        }
    }
}
