// A shipper checkpoints the byte offset it has forwarded of each log file: it pwrites a 16-byte record (offset, crc)
// and fdatasyncs the checkpoint file in one go, then looks at the pwrite's result. When the pwrite failed, the fdatasync
// ran after it and may have set errno (EBADF, EIO of its own), so the exception names the wrong cause: an ENOSPC on the
// checkpoint volume is reported as an I/O error and the operator replaces a healthy disk.
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round18.Errno.CheckpointPwriteAfterSync;

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

        nint written = Native.PWrite(checkpointFd, record, 16, 0);
        Native.FDataSync(checkpointFd);
        if (written < 0)
        {
            throw new ErrnoException(/*~ASYS1001*/Marshal.GetLastPInvokeError(), "pwrite", "checkpoint record");
        }
    }
}
