// A custom Stream's ReadAsync override asks the kernel how many bytes are queued with ioctl(FIONREAD); when that fails it logs the failure to an audit Stream with an awaited WriteAsync and then reads errno, which the write's continuation (another thread) no longer holds.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus52.StreamIoctlErrnoBad;

internal static partial class Native
{
    internal const uint FIONREAD = 0x541B;

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(int fd, uint request, out int value);
}

/// <summary>The members every Stream must have, for a stream that only supports the asynchronous calls shown.</summary>
internal abstract class RingStreamBase : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

internal sealed class SocketReadStream(IoRing ring, int socket, Stream audit) : RingStreamBase
{
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Native.Ioctl(socket, Native.FIONREAD, out int queued) < 0)
        {
            await audit.WriteAsync(Encoding.ASCII.GetBytes("FIONREAD failed\n"), cancellationToken).ConfigureAwait(false);
            throw new IOException("ioctl(FIONREAD) failed, errno " + /*~ASYS1001*/Marshal.GetLastPInvokeError());
        }

        int want = Math.Max(1, Math.Min(queued, buffer.Length));
        return await ring.ReceiveAsync(socket, buffer[..want], MessageFlags.None, cancellationToken).ConfigureAwait(false);
    }
}
