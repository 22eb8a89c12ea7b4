using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round9.Stack.HeaderPrefetchOk;

internal static partial class RawIo
{
    [DllImport("libc", SetLastError = true)]
    private static extern unsafe nint pread(int fd, byte* buffer, nuint count, long offset);

    /// <summary>pread into memory given by address (the engine's page frames are native memory).</summary>
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static unsafe int PreadAt(int fd, nint address, int length, long offset) =>
        (int)pread(fd, (byte*)address, (nuint)length, offset);
}

internal enum FileKind { Wal, Table, Manifest }

/// <summary>On open the engine warms the first sector of each file; the scratch sector is native memory freed after the read.</summary>
internal static class HeaderPrefetch
{
    public const int SectorSize = 512;

    public static async ValueTask<int> WarmFirstSectorAsync(IoRing ring, int fd, FileKind kind, CancellationToken cancellationToken)
    {
        nint sector = Allocate(SectorSize);
        try
        {
            return await (kind switch
            {
                FileKind.Wal => RawIo.PreadAtAsync(ring, fd, sector, SectorSize, 0, cancellationToken),
                FileKind.Table => RawIo.PreadAtAsync(ring, fd, sector, SectorSize, 4096, cancellationToken),
                _ => ValueTask.FromResult(0),
            });
        }
        finally
        {
            Free(sector);   // the read has ended, whatever its outcome
        }
    }

    private static unsafe nint Allocate(int length) => (nint)NativeMemory.Alloc((nuint)length);

    private static unsafe void Free(nint address) => NativeMemory.Free((void*)address);
}
