// The same flush with the local function async: it awaits the fsync wrapper's generated variant, and the method awaits the local function, so no pool thread blocks on the disk.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus63.LocalFunctionFsyncOk;

internal static partial class JournalNative
{
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fsync(int fd);
}

internal sealed class Journal(IoRing ring, int fd)
{
    private long _offset;

    public async Task AppendAsync(ReadOnlyMemory<byte> record, CancellationToken ct)
    {
        await ring.WriteAsync(fd, record, _offset, ct).ConfigureAwait(false);
        _offset += record.Length;
        await MakeDurableAsync().ConfigureAwait(false);

        async Task MakeDurableAsync()
        {
            int rc = await JournalNative.FsyncAsync(ring, fd, ct).ConfigureAwait(false);
            if (rc != 0)
            {
                throw new IOException("fsync failed, rc " + rc);
            }
        }
    }
}
