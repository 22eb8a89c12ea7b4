// An offloaded chunk read adds its byte count to a static per-codec total with Interlocked.Add on the shared array's element.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace ArrayStore;

public enum Codec { None, Deflate, Zstd, Blosc }

public static unsafe partial class CodecReads
{
    private static readonly long[] s_bytesByCodec = new long[4];

    public static long BytesFor(Codec codec) => Volatile.Read(ref s_bytesByCodec[(int)codec]);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static partial nint pread(int fd, byte* buffer, nuint count, long offset);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint ReadCompressed(int fd, nint destination, int length, long offset, int codec)
    {
        nint n = pread(fd, (byte*)destination, (nuint)length, offset);
        if (n > 0)
        {
            Interlocked.Add(ref s_bytesByCodec[codec], n);
        }

        return n;
    }
}
