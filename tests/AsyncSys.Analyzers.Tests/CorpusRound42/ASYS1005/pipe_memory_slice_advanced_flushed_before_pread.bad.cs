// A raw chunk streamer reads a chunk into a slice of the PipeWriter's memory, advances and flushes the pipe before the pread completed: the reader gets bytes still being filled.
using System;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace ArrayStore;

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PRead(int fd, byte* buffer, nuint count, long offset);
}

public sealed class RawChunkStreamer(int fd, PipeWriter output)
{
    public async Task StreamAsync(long offset, int length, CancellationToken ct)
    {
        Memory<byte> memory = output.GetMemory(length);
        Memory<byte> chunk = memory[..length];
        ValueTask<nint> read = Native.PReadAsync(fd, chunk, offset, ct);
        output.Advance(length);
        /*~ASYS1005*/await output.FlushAsync(ct);
        nint n = await read;
        if (n != length) throw new InvalidOperationException("short chunk read");
    }
}
