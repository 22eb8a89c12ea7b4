// A capture queue hands the driver its mmap'd buffers round-robin with VIDIOC_QBUF. The wrapper has no ring opcode and
// runs on AsyncSys workers, yet it takes the next slot from a [ThreadStatic] counter: each worker thread has its own
// counter, so two workers queue slot 0 twice (EINVAL) while slot 3 is never queued and the stream stalls.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round12.PerThread.V4l2SlotThreadStatic;

[StructLayout(LayoutKind.Sequential)]
public struct V4l2Buffer
{
    public uint Index, Type, BytesUsed, Flags, Field;
    public long TimestampSeconds, TimestampMicroseconds;
    public uint TimecodeType, TimecodeFlags;
    public ulong Timecode;
    public uint Sequence, Memory;
    public ulong Offset;
    public uint Length, Reserved2, RequestFd;
}

public static unsafe partial class CaptureQueue
{
    public const nuint VIDIOC_QBUF = 0xC058560F;
    public const int SlotCount = 4;

    [ThreadStatic] private static int t_nextSlot;

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int Ioctl(int fd, nuint request, nint argument);

    /// <summary>Queues the next of the <see cref="SlotCount"/> descriptors at <paramref name="slots"/> (native memory).</summary>
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int QueueNext(int fd, nint slots)
    {
        int slot = /*~ASYS1002*/t_nextSlot++ % SlotCount;
        return Ioctl(fd, VIDIOC_QBUF, slots + slot * sizeof(V4l2Buffer));
    }
}

public sealed class Streamer(int fd, nint slots)
{
    public async Task RefillAsync(int count, CancellationToken cancellationToken)
    {
        for (int i = 0; i < count; i++)
            await CaptureQueue.QueueNextAsync(fd, slots, cancellationToken);
    }
}
