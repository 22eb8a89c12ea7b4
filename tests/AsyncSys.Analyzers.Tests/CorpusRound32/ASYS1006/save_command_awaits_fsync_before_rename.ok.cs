// The atomic Save made right: the fsync is awaited before the rename, and the rename's result is awaited too.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round32.Unobserved.SaveAwaitsFsync;

public sealed class AtomicSave(IoRing ring)
{
    public async Task SaveAsync(int directoryFd, string tempName, string documentName, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        int tempFd = await ring.OpenAtAsync(directoryFd, tempName, (OpenFlags)0x241, (UnixFileMode)420, ct);
        try
        {
            await ring.WriteAsync(tempFd, content, 0, ct);
            await ring.FsyncAsync(tempFd, ct);
        }
        finally
        {
            await ring.CloseAsync(tempFd, ct);
        }

        await ring.SubmitAsync(RingRequest.RenameAt(directoryFd, tempName, directoryFd, documentName, 0), ct);
    }
}
