// A Stream over a file descriptor implements Read(Span<byte>) with read(2): it retries while errno is EINTR, reading errno
// in the loop's condition right after each call, and throws with errno read right after the loop, nothing in between.
using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Round26.Errno.FdStreamReadRetriesEintr;

internal static partial class Native
{
    internal const int EINTR = 4;

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(int fd, Span<byte> buffer, nuint count);
}

public sealed class FdStream(int fd) : Stream
{
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
        nint n;
        do
        {
            n = Native.Read(fd, buffer, (nuint)buffer.Length);
        }
        while (n < 0 && Marshal.GetLastPInvokeError() == Native.EINTR);

        if (n < 0)
        {
            throw new IOException($"read failed: errno {Marshal.GetLastPInvokeError()}");
        }

        return (int)n;
    }
}
