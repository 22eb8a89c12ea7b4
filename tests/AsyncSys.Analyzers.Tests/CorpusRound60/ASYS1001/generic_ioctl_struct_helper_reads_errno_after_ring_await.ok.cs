// The device helper's caller reads the saved error right after the generic IoctlInto<T>(ref T) returns, before the ring flush's await, and throws with that value afterwards.
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus60.GenericIoctlErrnoOk;

internal struct BlockGeometry
{
    public byte Heads;
    public byte Sectors;
    public ushort Cylinders;
    public ulong Start;
}

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(int fd, nuint request, void* argument);
}

internal static class Device
{
    public static unsafe int IoctlInto<T>(int fd, nuint request, ref T argument)
        where T : unmanaged =>
        Native.Ioctl(fd, request, Unsafe.AsPointer(ref argument));
}

internal sealed class DiskProbe(IoRing ring, int fd)
{
    private const nuint HdioGetGeo = 0x0301;

    public async Task<BlockGeometry> ProbeAsync(CancellationToken ct)
    {
        BlockGeometry geometry = default;
        int rc = Device.IoctlInto(fd, HdioGetGeo, ref geometry);
        int errno = rc < 0 ? Marshal.GetLastPInvokeError() : 0;
        await ring.FsyncAsync(fd, ct);
        if (rc < 0)
        {
            throw new ErrnoException(errno, "ioctl", "HDIO_GETGEO");
        }

        return geometry;
    }
}
