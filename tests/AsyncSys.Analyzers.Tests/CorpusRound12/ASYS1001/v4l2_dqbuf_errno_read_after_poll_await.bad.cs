// A V4L2 capture loop dequeues a filled buffer with a non-blocking VIDIOC_DQBUF; when none is ready it waits on the
// ring's poll and only then reads errno to tell EAGAIN (no frame yet) from EIO (device lost). After the await the
// method may run on another thread, whose errno is unrelated: a lost camera spins forever or a quiet one throws.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round12.Errno.V4l2DequeueAfterPoll;

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

public static partial class Video
{
    public const nuint VIDIOC_DQBUF = 0xC0585611;
    public const uint V4L2_BUF_TYPE_VIDEO_CAPTURE = 1, V4L2_MEMORY_MMAP = 1;
    public const int EAGAIN = 11;

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, nint argument);
}

public sealed class CaptureStream(IoRing ring, int fd) : IDisposable
{
    private readonly nint _dequeued = AllocateDescriptor();

    private static unsafe nint AllocateDescriptor() => (nint)NativeMemory.AllocZeroed((nuint)sizeof(V4l2Buffer));

    public async Task<(uint Index, uint BytesUsed)> NextFrameAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Prepare();
            int rc = Video.Ioctl(fd, Video.VIDIOC_DQBUF, _dequeued);
            if (rc >= 0) return Dequeued();

            PollEvents ready = await ring.PollAsync(fd, PollEvents.In | PollEvents.Error, cancellationToken);
            int error = /*~ASYS1001*/Marshal.GetLastPInvokeError();
            if (error == Video.EAGAIN && (ready & PollEvents.Error) == 0) continue;
            throw new ErrnoException(error, "ioctl", "VIDIOC_DQBUF");
        }
    }

    private unsafe void Prepare()
    {
        var buffer = (V4l2Buffer*)_dequeued;
        *buffer = default;
        buffer->Type = Video.V4L2_BUF_TYPE_VIDEO_CAPTURE;
        buffer->Memory = Video.V4L2_MEMORY_MMAP;
    }

    private unsafe (uint Index, uint BytesUsed) Dequeued()
    {
        var buffer = (V4l2Buffer*)_dequeued;
        return (buffer->Index, buffer->BytesUsed);
    }

    public unsafe void Dispose() => NativeMemory.Free((void*)_dequeued);
}
