// The GPIO tool made right: errno is kept right after the failed open, then the message asks File.Exists.
using System.IO;
using System.Runtime.InteropServices;

namespace Round34.Errno.GpioOpenErrnoKept;

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
            int errno = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot open {path} (exists: {File.Exists(path)}), errno {errno}");
        }

        return fd;
    }
}
