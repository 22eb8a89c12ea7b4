// The editor's atomic Save writes the temp file, starts its fsync and discards the task, then renames the temp file
// over the document. The rename can reach the disk before the data: after a power cut the document is empty, and an
// fsync error (EIO on a full or failing disk) is never shown to the user.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round32.Unobserved.SaveDiscardsFsync;

public sealed class AtomicSave(IoRing ring)
{
    public async Task SaveAsync(int directoryFd, string tempName, string documentName, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        int tempFd = await ring.OpenAtAsync(directoryFd, tempName, (OpenFlags)0x241, (UnixFileMode)420, ct);
        try
        {
            await ring.WriteAsync(tempFd, content, 0, ct);
            /*~ASYS1006*/_ = ring.FsyncAsync(tempFd, ct);
        }
        finally
        {
            await ring.CloseAsync(tempFd, ct);
        }

        await ring.SubmitAsync(RingRequest.RenameAt(directoryFd, tempName, directoryFd, documentName, 0), ct);
    }
}
