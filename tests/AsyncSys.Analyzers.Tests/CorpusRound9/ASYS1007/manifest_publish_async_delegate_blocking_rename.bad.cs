using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round9.Blocking.ManifestPublish;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "renameat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    [AsyncSyscall]
    public static partial int RenameAt(int oldDirFd, string oldPath, int newDirFd, string newPath);
}

/// <summary>A storage engine publishes a new MANIFEST: write a temporary file, sync it, rename it over the old one, sync the directory.</summary>
internal sealed class ManifestPublisher(IoRing ring, int directoryFd)
{
    public Task PublishAsync(int temporaryFd, ReadOnlyMemory<byte> manifest, CancellationToken cancellationToken)
    {
        Func<Task> publish = async delegate
        {
            await ring.WriteAsync(temporaryFd, manifest, 0, cancellationToken);
            await ring.FsyncAsync(temporaryFd, cancellationToken);
            if (/*~ASYS1007*/Libc.RenameAt(directoryFd, "MANIFEST.tmp", directoryFd, "MANIFEST") != 0)
            {
                throw new ErrnoException(Marshal.GetLastPInvokeError(), "renameat", "MANIFEST");
            }

            await ring.FsyncAsync(directoryFd, cancellationToken);
        };

        return Task.Run(publish, cancellationToken);
    }
}
