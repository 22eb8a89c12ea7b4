// A broker stores a consumer group's committed offset (offset + leader epoch) with pwrite at the start of its
// offsets file, retrying when the write was interrupted by a signal. The retry test is a helper property that
// compares the saved P/Invoke error with EINTR, but the loop logs to stderr before asking it: the console write is a
// write(2) P/Invoke with SetLastError of its own, so the saved error is its 0 by then. An interrupted store is not
// retried and the commit fails with an IOException; the consumer re-reads everything since its last commit.
using System;
using System.Buffers.Binary;
using System.IO;
using System.Runtime.InteropServices;

namespace Round14.Errno.OffsetStoreInterruptedAfterLog;

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    internal static partial nint PWrite(int fd, byte* buffer, nuint count, long offset);
}

internal static class Posix
{
    private const int EINTR = 4;

    internal static bool Interrupted => Marshal.GetLastPInvokeError() == EINTR;
}

public sealed class ConsumerOffsetFile(int fd)
{
    public unsafe void Store(long committedOffset, int leaderEpoch)
    {
        Span<byte> record = stackalloc byte[12];
        BinaryPrimitives.WriteInt64LittleEndian(record, committedOffset);
        BinaryPrimitives.WriteInt32LittleEndian(record.Slice(8), leaderEpoch);
        fixed (byte* p = record)
        {
            while (Native.PWrite(fd, p, 12, 0) < 0)
            {
                Console.Error.WriteLine("offset store on fd " + fd + " failed");
                if (!/*~ASYS1001*/Posix.Interrupted)
                {
                    throw new IOException("cannot store the committed offset");
                }
            }
        }
    }
}
