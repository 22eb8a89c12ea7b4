// A multi-planar V4L2 capture (NV12 as two planes) dequeues through an offloaded ioctl. Its v4l2_buffer lives in
// native memory, but the plane array the buffer's m.planes points to is stackalloc'ed in a method that returns the
// task at once: by the time the worker runs VIDIOC_DQBUF the frame is gone and the driver writes the plane sizes into
// whatever stack the caller uses next.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round12.Stack.V4l2PlanesOnStack;

[StructLayout(LayoutKind.Sequential)]
public unsafe struct V4l2Plane
{
    public uint BytesUsed, Length;
    public ulong MemoryOffset;
    public uint DataOffset;
    public fixed uint Reserved[11];
}

[StructLayout(LayoutKind.Sequential)]
public struct V4l2Buffer
{
    public uint Index, Type, BytesUsed, Flags, Field;
    public long TimestampSeconds, TimestampMicroseconds;
    public uint TimecodeType, TimecodeFlags;
    public ulong Timecode;
    public uint Sequence, Memory;
    public nint Planes;
    public uint Length, Reserved2, RequestFd;
}

public static partial class Video
{
    public const nuint VIDIOC_DQBUF = 0xC0585611;
    public const uint V4L2_BUF_TYPE_VIDEO_CAPTURE_MPLANE = 9, V4L2_MEMORY_MMAP = 1;

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    [AsyncSyscall]
    public static partial int Ioctl(int fd, nuint request, nint argument);
}

public sealed unsafe class MultiPlaneCapture(int fd) : System.IDisposable
{
    private readonly V4l2Buffer* _buffer = (V4l2Buffer*)NativeMemory.AllocZeroed((nuint)sizeof(V4l2Buffer));

    public ValueTask<int> DequeueAsync(CancellationToken cancellationToken)
    {
        V4l2Plane* planes = stackalloc V4l2Plane[2];
        *_buffer = default;
        _buffer->Type = Video.V4L2_BUF_TYPE_VIDEO_CAPTURE_MPLANE;
        _buffer->Memory = Video.V4L2_MEMORY_MMAP;
        _buffer->Planes = (nint)planes;
        _buffer->Length = 2;
        return /*~ASYS1004*/Video.IoctlAsync(fd, Video.VIDIOC_DQBUF, (nint)_buffer, cancellationToken);
    }

    public uint Index => _buffer->Index;

    public void Dispose() => NativeMemory.Free(_buffer);
}
