// Several pipelines share one checkpoint file: each pwrites its slot under a lock statement, and errno is read after the
// lock is released. Only Monitor.Exit runs in between, which makes no SetLastError P/Invoke, so errno is still the
// pwrite's.
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round18.Errno.CheckpointSlotUnderLock;

internal static partial class Native
{
    internal const int ENOSPC = 28;

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    internal static partial nint PWrite(int fd, byte[] buffer, nuint count, long offset);
}

public sealed class SharedCheckpointFile(int fd)
{
    private readonly object _gate = new();
    private readonly byte[] _slot = new byte[8];

    public bool TrySave(int pipeline, long offset)
    {
        nint rc;
        lock (_gate)
        {
            BinaryPrimitives.WriteInt64LittleEndian(_slot, offset);
            rc = Native.PWrite(fd, _slot, 8, pipeline * 8L);
        }

        if (rc < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno == Native.ENOSPC)
            {
                return false;
            }

            throw new ErrnoException(errno, "pwrite");
        }

        return true;
    }
}
