// A V4L2 capture loop dequeues a filled buffer with a non-blocking VIDIOC_DQBUF; when none is ready it keeps errno
// right after the ioctl, fails on anything but EAGAIN, and only then waits on the ring's poll for the next frame.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round12.Errno.V4l2DequeueBeforePoll;

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

            int error = Marshal.GetLastPInvokeError();
            if (error != Video.EAGAIN) throw new ErrnoException(error, "ioctl", "VIDIOC_DQBUF");
            PollEvents ready = await ring.PollAsync(fd, PollEvents.In | PollEvents.Error, cancellationToken);
            if ((ready & PollEvents.Error) != 0) throw new ErrnoException(5, "poll", "capture device error");
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
