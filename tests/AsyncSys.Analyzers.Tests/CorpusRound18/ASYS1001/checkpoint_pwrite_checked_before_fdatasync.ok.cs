// The checkpoint writer made right: the pwrite's result is tested (and errno read) before the fdatasync runs, and the
// fdatasync's own failure is tested on its own line.
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round18.Errno.CheckpointPwriteCheckedFirst;

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    internal static partial nint PWrite(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    internal static partial int FDataSync(int fd);
}

public sealed class OffsetCheckpoint(int checkpointFd)
{
    public unsafe void Save(long forwarded, uint crc)
    {
        byte* record = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(new Span<byte>(record, 8), forwarded);
        BinaryPrimitives.WriteUInt32LittleEndian(new Span<byte>(record + 8, 4), crc);

        if (Native.PWrite(checkpointFd, record, 16, 0) < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "pwrite", "checkpoint record");
        }

        if (Native.FDataSync(checkpointFd) != 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "fdatasync", "checkpoint record");
        }
    }
}
