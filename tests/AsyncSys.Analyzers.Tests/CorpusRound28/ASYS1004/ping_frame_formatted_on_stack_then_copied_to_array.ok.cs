// A keep-alive sender formats its small PING frame (with a sequence number) in stackalloc memory, then copies the
// bytes into an array before starting the send and returning its task: the kernel reads the array, which lives as
// long as the send needs it; the stack memory's part ends before the send starts.
using System;
using System.Buffers.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.Stack.PingFrameCopiedToArray;

public sealed class KeepAliveSender(IoRing ring, int fd)
{
    private long _sequence;

    public ValueTask<int> SendPing(CancellationToken ct)
    {
        Span<byte> frame = stackalloc byte[48];
        "*2\r\n$4\r\nPING\r\n$"u8.CopyTo(frame);
        int at = 15;
        long sequence = Interlocked.Increment(ref _sequence);
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(sequence, digits, out int digitCount);
        Utf8Formatter.TryFormat(digitCount, frame[at..], out int lengthDigits);
        at += lengthDigits;
        frame[at++] = (byte)'\r';
        frame[at++] = (byte)'\n';
        digits[..digitCount].CopyTo(frame[at..]);
        at += digitCount;
        frame[at++] = (byte)'\r';
        frame[at++] = (byte)'\n';
        byte[] bytes = frame[..at].ToArray();
        return ring.SendAsync(fd, bytes, MessageFlags.NoSignal, ct);
    }
}
