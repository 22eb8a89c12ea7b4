// The terminal Stream made right: the async override awaits the generated ReadAsync variant (errors come back as
// ErrnoException, captured on the thread that made the call), and the synchronous Read keeps the blocking wrapper.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round26.Blocking.TtyStreamAwaitsVariant;

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
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(Span<byte> buffer)
    {
        nint n = Native.Read(fd, buffer, (nuint)buffer.Length);
        if (n < 0)
        {
            throw new IOException($"read failed: errno {Marshal.GetLastPInvokeError()}");
        }

        return (int)n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return (int)await Native.ReadAsync(fd, buffer, ct);
        }
        finally
        {
            _gate.Release();
        }
    }
}
