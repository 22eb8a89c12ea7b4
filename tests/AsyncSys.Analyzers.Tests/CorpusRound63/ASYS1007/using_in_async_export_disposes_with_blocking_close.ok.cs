// The same export writer implements IAsyncDisposable and awaits the fsync and close variants in DisposeAsync; the async export declares it with `await using`, so the end of the method awaits instead of blocking.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus63.UsingDisposeBlockingCloseOk;

internal static partial class ExportNative
{
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Close(int fd);
}

internal sealed class ExportFile(IoRing ring, int fd) : IAsyncDisposable
{
    private long _offset;

    public async Task AppendAsync(ReadOnlyMemory<byte> rows, CancellationToken ct)
    {
        await ring.WriteAsync(fd, rows, _offset, ct).ConfigureAwait(false);
        _offset += rows.Length;
    }

    public async ValueTask DisposeAsync()
    {
        await ExportNative.FsyncAsync(ring, fd, CancellationToken.None).ConfigureAwait(false);
        await ExportNative.CloseAsync(ring, fd, CancellationToken.None).ConfigureAwait(false);
    }
}

internal static class Exporter
{
    public static async Task ExportAsync(IoRing ring, int fd, ReadOnlyMemory<byte>[] batches, CancellationToken ct)
    {
        await using var export = new ExportFile(ring, fd);
        foreach (ReadOnlyMemory<byte> batch in batches)
        {
            await export.AppendAsync(batch, ct).ConfigureAwait(false);
        }
    }
}
