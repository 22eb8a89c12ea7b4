// An async chunk appender awaits the pwritev of header and payload, then awaits the fdatasync variant.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace ArrayStore;

[StructLayout(LayoutKind.Sequential)]
public struct IoVector { public nint Base; public nuint Length; }

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "pwritev", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PWriteV(int fd, IoVector* iov, int iovcnt, long offset);

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fdatasync(int fd);
}

public sealed class DurableAppender(int fd)
{
    public async Task<long> AppendAsync(ReadOnlyMemory<byte> header, ReadOnlyMemory<byte> payload, long tail, CancellationToken ct)
    {
        nint n = await Native.PWriteVAsync(fd, new[] { header, payload }, tail, ct);
        await Native.FdatasyncAsync(fd, ct);
        return tail + n;
    }
}
