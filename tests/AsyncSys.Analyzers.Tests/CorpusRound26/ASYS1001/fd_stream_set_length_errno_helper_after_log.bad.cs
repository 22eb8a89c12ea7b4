// A Stream over a file descriptor implements SetLength with ftruncate. On failure it writes a diagnostic line to stderr
// and then builds the exception from errno through a small local helper. The console write is a write(2) with
// SetLastError of its own: the exception carries that call's saved error, not why ftruncate failed (EFBIG, EROFS).
using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Round26.Errno.FdStreamSetLengthAfterLog;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    internal static partial int Ftruncate(int fd, long length);
}

public sealed class FdStream(int fd) : Stream
{
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void SetLength(long value)
    {
        if (Native.Ftruncate(fd, value) != 0)
        {
            Console.Error.WriteLine($"ftruncate({value}) failed on fd {fd}");
            throw new IOException("ftruncate failed", /*~ASYS1001*/LastError());
        }

        static int LastError() => Marshal.GetLastPInvokeError();
    }
}
