// An async checkpoint saver writes the read offsets with the generated pwrite variant and then makes them durable with the
// blocking fdatasync wrapper, whose generated variant exists beside it. On a slow disk the fdatasync holds a thread-pool
// thread for tens of milliseconds per checkpoint; with a checkpoint per tailed file the pool starves and tailing stalls.
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.Blocking.CheckpointBlocksInFdatasync;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    [AsyncSyscall]
    internal static unsafe partial nint PWrite(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int FDataSync(int fd);
}

public sealed class CheckpointSaver(int checkpointFd)
{
    private readonly byte[] _record = new byte[16];

    public async Task SaveAsync(long offset, long inode, CancellationToken ct)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_record, offset);
        BinaryPrimitives.WriteInt64LittleEndian(_record.AsSpan(8), inode);
        await Native.PWriteAsync(checkpointFd, _record, 0, ct);
        if (/*~ASYS1007*/Native.FDataSync(checkpointFd) != 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "fdatasync");
        }
    }
}
