// An async journal flush factors its durability step into a synchronous local function that calls the blocking fsync wrapper and throws on failure. The async method calls the local function after awaiting its write, so the pool thread running the continuation blocks for the whole fsync, though the wrapper has an awaitable variant.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus63.LocalFunctionFsyncBad;

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
        /*~ASYS1007*/MakeDurable();

        void MakeDurable()
        {
            if (JournalNative.Fsync(fd) != 0)
            {
                throw new IOException("fsync failed, errno " + Marshal.GetLastPInvokeError());
            }
        }
    }
}
