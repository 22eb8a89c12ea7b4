// A socket Stream breaks a read that waits forever by closing the descriptor when the caller's token fires; the
// registered callback starts the ring close and drops its ValueTask. A failed close is never seen, and nothing waits for
// it: the stream's Dispose can run its own close first, and a descriptor number reused by then is closed under another
// owner.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round26.ValueTasks.CancelCallbackDropsClose;

public sealed class CancellableSocketStream(IoRing ring, int socketFd) : Stream
{
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
        using CancellationTokenRegistration onCancel = ct.Register(() => /*~ASYS1006*/ring.CloseAsync(socketFd));
        return await ring.ReceiveAsync(socketFd, buffer, MessageFlags.None);
    }
}
