// The same extraction, errno saved right after the failed pwrite, before the partial file is unlinked.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round37.Errno.TarPwriteSaved;

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    internal static extern nint PWrite(int fd, byte* buffer, nuint count, long offset);

    [DllImport("libc", EntryPoint = "unlink", SetLastError = true)]
    internal static extern int Unlink(string path);
}

public static unsafe class EntryWriter
{
    public static void WriteEntry(int fd, string path, byte[] data, long offset)
    {
        fixed (byte* p = data)
        {
            nint written = Native.PWrite(fd, p, (nuint)data.Length, offset);
            if (written < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                Native.Unlink(path);
                throw new ErrnoException(errno, "pwrite", path);
            }
        }
    }
}
