// An export writer owns an fd and implements only IDisposable: its Dispose fsyncs and closes the file with the blocking wrappers. An async export declares it with `using`, so when the method ends the compiler-made Dispose call blocks the pool thread running the last continuation for the fsync and the close, though both wrappers have awaitable variants.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus63.UsingDisposeBlockingCloseBad;

internal static partial class ExportNative
{
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Close(int fd);
}

internal sealed class ExportFile(IoRing ring, int fd) : IDisposable
{
    private long _offset;

    public async Task AppendAsync(ReadOnlyMemory<byte> rows, CancellationToken ct)
    {
        await ring.WriteAsync(fd, rows, _offset, ct).ConfigureAwait(false);
        _offset += rows.Length;
    }

    public void Dispose()
    {
        ExportNative.Fsync(fd);
        ExportNative.Close(fd);
    }
}

internal static class Exporter
{
    public static async Task ExportAsync(IoRing ring, int fd, ReadOnlyMemory<byte>[] batches, CancellationToken ct)
    {
        /*~ASYS1007*/using var export = new ExportFile(ring, fd);
        foreach (ReadOnlyMemory<byte> batch in batches)
        {
            await export.AppendAsync(batch, ct).ConfigureAwait(false);
        }
    }
}
