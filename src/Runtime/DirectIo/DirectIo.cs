using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys.Interop;

namespace AsyncSys;

/// <summary>
/// Direct I/O (O_DIRECT) helpers: the open flag for this architecture and the alignment a file needs.
/// See docs/direct-io.md.
/// </summary>
/// <remarks>
/// O_DIRECT bypasses the page cache: buffers, file offsets and lengths must be aligned (to what
/// <see cref="QueryAlignment"/> reports), or the kernel fails the call with EINVAL. Open files with
/// <see cref="DirectFileHandle.Open"/> or <see cref="IoRing.OpenDirectAsync"/> and the ring checks the alignment
/// before the kernel sees the request; rent buffers from <see cref="AlignedBufferPool"/>.
/// </remarks>
public static class DirectIo
{
    private const int FallbackBlockSize = 4096;
    private const int S_IFMT = 0xF000;
    private const int S_IFBLK = 0x6000;

    /// <summary>
    /// O_DIRECT as this architecture's kernel defines it (0x4000 on x86-64, 0x10000 on arm64), for <c>int</c> flags
    /// such as <see cref="RingRequest.OpenAt(int, string, int, int)"/>'s; <see cref="OpenFlags.Direct"/> is converted wherever an <see cref="OpenFlags"/> is taken.
    /// </summary>
    public static int OpenDirectFlag => NativeOpenFlags.From(OpenFlags.Direct);

    /// <summary>
    /// The alignment O_DIRECT needs on <paramref name="handle"/>: from statx's STATX_DIOALIGN fields when the kernel
    /// and filesystem give them (Linux 6.1+), else the logical block size of the device (BLKSSZGET on a block
    /// device, sysfs <c>queue/logical_block_size</c> for a file on one), else 4096, which every device accepts.
    /// </summary>
    /// <param name="handle">An open handle.</param>
    /// <returns>The memory (buffer address) alignment and the file offset / length alignment, in bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="handle"/> is closed.</exception>
    /// <exception cref="ErrnoException">statx failed on the descriptor.</exception>
    public static unsafe (int MemoryAlignment, int OffsetAlignment) QueryAlignment(SafeHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        bool added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            return QueryAlignmentOf((int)handle.DangerousGetHandle());
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    internal static unsafe (int MemoryAlignment, int OffsetAlignment) QueryAlignmentOf(int fd)
    {
        Statx stat;
        byte empty = 0;
        if (Libc.statx(fd, &empty, Libc.AT_EMPTY_PATH, (uint)(StatxMask.BasicStats | StatxMask.DirectIoAlignment), &stat) != 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "statx", "fd " + fd.ToString(CultureInfo.InvariantCulture));
        }

        if ((stat.Mask & StatxMask.DirectIoAlignment) != 0 && stat.DirectIoMemoryAlignment > 0 && stat.DirectIoOffsetAlignment > 0)
        {
            return ((int)stat.DirectIoMemoryAlignment, (int)stat.DirectIoOffsetAlignment);
        }

        int block = (stat.Mode & S_IFMT) == S_IFBLK ? BlockDeviceSectorSize(fd) : SysfsLogicalBlockSize(stat.DevMajor, stat.DevMinor);
        if (block <= 0)
        {
            block = FallbackBlockSize;
        }

        // Without STATX_DIOALIGN the kernel's memory rule is not known either: the block size is what older
        // kernels demanded of addresses too, so it is the safe answer.
        return (block, block);
    }

    private static unsafe int BlockDeviceSectorSize(int fd)
    {
        int size = 0;
        return Libc.ioctl_int(fd, Libc.BLKSSZGET, &size) == 0 ? size : 0;
    }

    private static int SysfsLogicalBlockSize(uint major, uint minor)
    {
        // A partition's directory has no queue/; its disk (the parent directory) does.
        string device = string.Create(CultureInfo.InvariantCulture, $"/sys/dev/block/{major}:{minor}");
        foreach (string candidate in new[] { device + "/queue/logical_block_size", device + "/../queue/logical_block_size" })
        {
            try
            {
                if (File.Exists(candidate) && int.TryParse(File.ReadAllText(candidate).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int size) && size > 0)
                {
                    return size;
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return 0;
    }

    internal static bool IsPowerOfTwo(int value) => value > 0 && (value & (value - 1)) == 0;
}
