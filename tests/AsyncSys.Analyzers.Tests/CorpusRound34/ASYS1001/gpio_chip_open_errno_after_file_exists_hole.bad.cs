// A GPIO tool opens /dev/gpiochipN and, on failure, builds its message with an interpolated string whose earlier hole
// asks File.Exists(path) (a stat(2) P/Invoke that sets errno) before the hole that reads errno. A permission problem
// (EACCES) is then reported with stat's errno, 0 or ENOENT, and the user is told the chip does not exist.
using System.IO;
using System.Runtime.InteropServices;

namespace Round34.Errno.GpioOpenFileExistsHole;

internal static class Native
{
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    internal static extern int Open(string path, int flags);
}

public static class GpioChip
{
    private const int O_RDWR = 2, O_CLOEXEC = 0x80000;

    public static int Open(int chip)
    {
        string path = "/dev/gpiochip" + chip;
        int fd = Native.Open(path, O_RDWR | O_CLOEXEC);
        if (fd < 0)
        {
            throw new IOException($"cannot open {path} (exists: {File.Exists(path)}), errno {/*~ASYS1001*/Marshal.GetLastPInvokeError()}");
        }

        return fd;
    }
}
