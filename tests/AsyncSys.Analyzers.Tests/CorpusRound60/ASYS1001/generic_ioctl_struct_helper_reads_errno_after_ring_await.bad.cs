// A device helper fills a caller's unmanaged struct with ioctl through a generic IoctlInto<T>(ref T) and, in its async caller, flushes the ring (an await) before it checks the ioctl's result and reads Marshal.GetLastPInvokeError(): after the await the continuation may run on another thread whose saved error belongs to some other call.
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus60.GenericIoctlErrnoBad;

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
        await ring.FsyncAsync(fd, ct);
        if (rc < 0)
        {
            throw new ErrnoException(/*~ASYS1001*/Marshal.GetLastPInvokeError(), "ioctl", "HDIO_GETGEO");
        }

        return geometry;
    }
}
