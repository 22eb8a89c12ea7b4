// A static-file handler opens the requested file and fstats it for Content-Length; when fstat fails it keeps errno first, then closes the descriptor.
using System.Runtime.InteropServices;

namespace StaticFiles;

[StructLayout(LayoutKind.Sequential, Size = 144)]
internal struct Stat
{
    public ulong Device;
    public ulong Inode;
    public ulong Links;
    public uint Mode;
    public uint Uid;
    public uint Gid;
    public int Padding;
    public ulong SpecialDevice;
    public long Size;
}

internal static partial class Libc
{
    internal const int O_RDONLY = 0;
    internal const int O_CLOEXEC = 0x80000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fstat", SetLastError = true)]
    internal static partial int FStat(int fd, out Stat buffer);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);
}

internal static class FileOpener
{
    public static (int Fd, long Length, int Errno) OpenForResponse(string path)
    {
        int fd = Libc.Open(path, Libc.O_RDONLY | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            return (-1, 0, Marshal.GetLastPInvokeError());
        }

        if (Libc.FStat(fd, out Stat stat) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            Libc.Close(fd);
            return (-1, 0, errno);
        }

        return (fd, stat.Size, 0);
    }
}
