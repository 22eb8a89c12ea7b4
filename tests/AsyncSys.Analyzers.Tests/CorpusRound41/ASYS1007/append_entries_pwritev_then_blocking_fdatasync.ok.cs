// A Raft log appends a batch of entries with the pwritev variant, then makes them durable with the fdatasync variant, awaited.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Consensus.Log;

[StructLayout(LayoutKind.Sequential)]
public struct IoVector
{
    public nint Base;
    public nuint Length;
}

public static unsafe partial class Libc
{
    [LibraryImport("libc", EntryPoint = "pwritev", SetLastError = true)]
    [AsyncSyscall]
    public static partial nint PWriteV(int fd, IoVector* iov, int iovcnt, long offset);

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    public static partial int Fdatasync(int fd);
}

public sealed class AppendLog
{
    private readonly int _fd;
    private long _end;

    public AppendLog(int fd) => _fd = fd;

    public async Task AppendAsync(IReadOnlyList<ReadOnlyMemory<byte>> entries, CancellationToken ct)
    {
        nint written = await Libc.PWriteVAsync(_fd, entries, _end, ct);
        _end += written;
        await Libc.FdatasyncAsync(_fd, ct);
    }
}
