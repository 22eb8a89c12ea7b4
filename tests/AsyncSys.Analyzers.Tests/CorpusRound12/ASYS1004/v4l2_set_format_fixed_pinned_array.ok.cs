// A camera format negotiator fills its v4l2_format, the only element of an array allocated on the pinned heap and kept
// in a readonly field, and sends VIDIOC_S_FMT through the offloaded ioctl with a pointer from `fixed`: the pinned array
// never moves, so the pointer stays valid after the block while the worker runs the ioctl.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round12.Stack.V4l2FormatPinnedArray;

[StructLayout(LayoutKind.Sequential, Size = 208)]
public struct V4l2Format
{
    public uint Type;
    public uint Padding;
    public uint Width, Height, PixelFormat, Field, BytesPerLine, SizeImage, Colorspace;
}

public static partial class Video
{
    public const nuint VIDIOC_S_FMT = 0xC0D05605;
    public const uint V4L2_BUF_TYPE_VIDEO_CAPTURE = 1, V4L2_FIELD_NONE = 1;

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    [AsyncSyscall]
    public static partial int Ioctl(int fd, nuint request, nint argument);
}

public sealed unsafe class FormatNegotiator(int fd)
{
    private readonly V4l2Format[] _format = GC.AllocateArray<V4l2Format>(1, pinned: true);

    public (uint Width, uint Height) Negotiated => (_format[0].Width, _format[0].Height);

    public ValueTask<int> SetFormatAsync(uint width, uint height, uint fourcc, CancellationToken cancellationToken)
    {
        _format[0] = new V4l2Format
        {
            Type = Video.V4L2_BUF_TYPE_VIDEO_CAPTURE,
            Width = width,
            Height = height,
            PixelFormat = fourcc,
            Field = Video.V4L2_FIELD_NONE,
        };
        fixed (V4l2Format* format = _format)
        {
            return Video.IoctlAsync(fd, Video.VIDIOC_S_FMT, (nint)format, cancellationToken);
        }
    }
}
