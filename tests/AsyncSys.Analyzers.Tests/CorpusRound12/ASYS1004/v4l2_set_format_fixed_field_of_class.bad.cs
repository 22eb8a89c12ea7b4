// A camera format negotiator fills its v4l2_format, a struct field of the negotiator object, and sends VIDIOC_S_FMT
// through the offloaded ioctl with a pointer from `fixed`. The pin ends at the block's brace, when the task is
// returned; the worker runs the ioctl later, and a GC in between may have moved the object, so the driver reads and
// writes back (it adjusts width/height) memory that now belongs to something else.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round12.Stack.V4l2FormatFixedField;

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
    private V4l2Format _format;

    public (uint Width, uint Height) Negotiated => (_format.Width, _format.Height);

    public ValueTask<int> SetFormatAsync(uint width, uint height, uint fourcc, CancellationToken cancellationToken)
    {
        _format = new V4l2Format
        {
            Type = Video.V4L2_BUF_TYPE_VIDEO_CAPTURE,
            Width = width,
            Height = height,
            PixelFormat = fourcc,
            Field = Video.V4L2_FIELD_NONE,
        };
        fixed (V4l2Format* format = &_format)
        {
            return /*~ASYS1004*/Video.IoctlAsync(fd, Video.VIDIOC_S_FMT, (nint)format, cancellationToken);
        }
    }
}
