// A Stream over a terminal descriptor serializes reads with a SemaphoreSlim and, inside its async ReadAsync override,
// calls the blocking read wrapper although the wrapper is [AsyncSyscall] and its ReadAsync variant exists. Every pending
// read parks a thread-pool thread in read(2) until the user types: a few idle terminals starve the pool.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round26.Blocking.TtyStreamBlockingRead;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint Read(int fd, Span<byte> buffer, nuint count);
}

public sealed class TtyStream(int fd) : Stream
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            nint n = /*~ASYS1007*/Native.Read(fd, buffer.Span, (nuint)buffer.Length);
            if (n < 0)
            {
                throw new IOException($"read failed: errno {Marshal.GetLastPInvokeError()}");
            }

            return (int)n;
        }
        finally
        {
            _gate.Release();
        }
    }
}
