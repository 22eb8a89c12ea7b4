// The checkpoint saver made right: both the pwrite and the fdatasync are awaited through their generated variants, so no
// thread-pool thread waits on the disk.
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.Blocking.CheckpointAwaitsFdatasync;

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
        await Native.FDataSyncAsync(checkpointFd, ct);
    }
}
