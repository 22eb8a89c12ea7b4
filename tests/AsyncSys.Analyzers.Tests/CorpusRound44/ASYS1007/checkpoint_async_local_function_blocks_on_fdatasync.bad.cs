// A checkpoint writes its pages and then syncs the file in an async local function that calls the blocking fdatasync wrapper after its await, holding a pool thread for the whole sync.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round44.CheckpointSync;

public static partial class Native
{
    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    public static partial int Fdatasync(int fd);
}

public sealed class CheckpointFile
{
    private readonly IoRing _ring;
    private readonly int _fd;

    public CheckpointFile(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> pages, CancellationToken ct)
    {
        await WriteAndSync();

        async Task WriteAndSync()
        {
            await _ring.WriteAsync(_fd, pages, 0, ct);
            if (/*~ASYS1007*/Native.Fdatasync(_fd) < 0)
            {
                throw new ErrnoException(System.Runtime.InteropServices.Marshal.GetLastPInvokeError(), "fdatasync");
            }
        }
    }
}
