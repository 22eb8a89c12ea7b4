// An offloaded dataset-header read chooses its alignment from a [ThreadStatic] O_DIRECT option the caller set on its own thread; on the worker it is the worker's.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace ArrayStore;

public static unsafe partial class DatasetHeaders
{
    [ThreadStatic] internal static bool t_directIo;

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static partial nint pread(int fd, byte* buffer, nuint count, long offset);

    /// <summary>Reads the fixed-size dataset header; with O_DIRECT the read must cover whole 4 KiB blocks.</summary>
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static long ReadHeaderLength(int fd, long offset)
    {
        int alignment = /*~ASYS1002*/t_directIo ? 4096 : 1;
        nuint length = (nuint)Math.Max(alignment, 512);
        byte* scratch = (byte*)NativeMemory.AlignedAlloc(length, (nuint)alignment);
        try
        {
            nint n = pread(fd, scratch, length, offset & ~(long)(alignment - 1));
            return n < 0 ? -1 : BitConverter.ToInt64(new ReadOnlySpan<byte>(scratch, 8));
        }
        finally
        {
            NativeMemory.AlignedFree(scratch);
        }
    }
}
