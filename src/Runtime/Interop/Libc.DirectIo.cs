using System.Runtime.InteropServices;

namespace AsyncSys.Interop;

// libc entry points for direct I/O: the device's logical block size.
internal static unsafe partial class Libc
{
    [LibraryImport(Lib, EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int ioctl_int(int fd, nuint request, int* argument);

    /// <summary>BLKSSZGET = _IO(0x12, 104), linux/fs.h: the logical block size of a block device.</summary>
    internal const nuint BLKSSZGET = 0x1268;

    internal const int AT_EMPTY_PATH = 0x1000;
}
