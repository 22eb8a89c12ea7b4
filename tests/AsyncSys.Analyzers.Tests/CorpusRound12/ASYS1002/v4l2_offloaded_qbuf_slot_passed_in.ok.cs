// A capture queue hands the driver its mmap'd buffers round-robin with VIDIOC_QBUF. The wrapper runs on AsyncSys
// workers and is given the slot; the caller picks it from one shared counter with Interlocked, whatever thread it is on.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round12.PerThread.V4l2SlotPassedIn;

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

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int Ioctl(int fd, nuint request, nint argument);

    /// <summary>Queues descriptor <paramref name="slot"/> of those at <paramref name="slots"/> (native memory).</summary>
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Queue(int fd, nint slots, int slot) => Ioctl(fd, VIDIOC_QBUF, slots + slot * sizeof(V4l2Buffer));
}

public sealed class Streamer(int fd, nint slots)
{
    private int _next = -1;

    public async Task RefillAsync(int count, CancellationToken cancellationToken)
    {
        for (int i = 0; i < count; i++)
        {
            int slot = (int)((uint)Interlocked.Increment(ref _next) % CaptureQueue.SlotCount);
            await CaptureQueue.QueueAsync(fd, slots, slot, cancellationToken);
        }
    }
}
