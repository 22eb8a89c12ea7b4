// The same backup CLI tool, written right: the chunk array itself goes to the write as memory, and AsyncSys keeps it
// pinned until the write completes.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.StackMemory.BackupWriteArray;

public sealed class BackupWriter(IoRing ring, int outputFd)
{
    public async Task WriteChunkAsync(byte[] chunk, int length, long offset, CancellationToken ct)
    {
        ValueTask write = StartWrite(chunk, length, offset, ct);
        await write.ConfigureAwait(false);
    }

    private ValueTask StartWrite(byte[] chunk, int length, long offset, CancellationToken ct) =>
        ring.WriteAsync(outputFd, chunk.AsMemory(0, length), offset, ct);
}
