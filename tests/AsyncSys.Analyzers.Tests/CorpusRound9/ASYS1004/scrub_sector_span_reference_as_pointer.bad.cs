using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round9.Stack.SectorScrub;

internal static partial class RawIo
{
    [DllImport("libc", SetLastError = true)]
    private static extern unsafe nint pread(int fd, byte* buffer, nuint count, long offset);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static unsafe int PreadAt(int fd, nint address, int length, long offset) =>
        (int)pread(fd, (byte*)address, (nuint)length, offset);
}

/// <summary>A scrubber re-reads sectors to surface latent media errors (EIO) before a read path meets them; the data is not kept.</summary>
internal static class SectorScrubber
{
    public static ValueTask<int> ScrubAsync(IoRing ring, int fd, long offset, CancellationToken cancellationToken)
    {
        Span<byte> sector = stackalloc byte[512];
        nint address;
        unsafe
        {
            address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(sector));   // the first byte of the stackalloc block
        }

        return RawIo.PreadAtAsync(ring, fd, /*~ASYS1004*/address, sector.Length, offset, cancellationToken);
    }
}
