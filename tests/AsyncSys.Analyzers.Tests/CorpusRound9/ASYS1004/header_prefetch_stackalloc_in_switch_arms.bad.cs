using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round9.Stack.HeaderPrefetch;

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

/// <summary>On open the engine warms the first sector of each file into the page cache; the bytes themselves are thrown away.</summary>
internal static class HeaderPrefetch
{
    public const int SectorSize = 512;

    public static unsafe ValueTask<int> WarmFirstSectorAsync(IoRing ring, int fd, FileKind kind, CancellationToken cancellationToken)
    {
        byte* sector = stackalloc byte[SectorSize];   // "scratch, nobody reads it": the worker still writes it after this frame is gone
        return kind switch
        {
            FileKind.Wal => RawIo.PreadAtAsync(ring, fd, /*~ASYS1004*/(nint)sector, SectorSize, 0, cancellationToken),
            FileKind.Table => RawIo.PreadAtAsync(ring, fd, /*~ASYS1004*/(nint)sector, SectorSize, 4096, cancellationToken),   // tables keep a 4 KiB preamble
            _ => ValueTask.FromResult(0),
        };
    }
}
