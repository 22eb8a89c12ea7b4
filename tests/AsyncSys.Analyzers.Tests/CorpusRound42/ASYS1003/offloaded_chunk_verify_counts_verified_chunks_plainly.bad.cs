// An offloaded instance wrapper verifies one stored chunk's Fletcher-32 and counts verified chunks in a plain field of the shared verifier; parallel scrubs lose counts.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace ArrayStore;

public sealed partial class ChunkVerifier(int fd)
{
    private long _verified;

    public long Verified => Volatile.Read(ref _verified);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static unsafe partial nint pread(int fd, byte* buffer, nuint count, long offset);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public unsafe int Verify(long offset, int length, uint expected)
    {
        byte* chunk = (byte*)NativeMemory.Alloc((nuint)length);
        try
        {
            nint n = pread(fd, chunk, (nuint)length, offset);
            if (n < 0) return -1;
            uint sum = 0;
            for (int i = 0; i < n; i++) sum = (sum << 1 | sum >> 31) ^ chunk[i];
            if (sum != expected) return 0;
            /*~ASYS1003*/_verified++;
            return 1;
        }
        finally
        {
            NativeMemory.Free(chunk);
        }
    }

    public Task ScrubAsync(IReadOnlyList<(long Offset, int Length, uint Sum)> chunks, CancellationToken ct) =>
        Parallel.ForEachAsync(chunks, ct, async (c, token) => await VerifyAsync(c.Offset, c.Length, c.Sum, token));
}
