using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.Blocking.LazyOpen;

internal static partial class Libc
{
    public const int O_RDONLY = 0;
    public const int O_CLOEXEC = 0x80000;

    [DllImport("libc", EntryPoint = "openat", SetLastError = true)]
    [AsyncSyscall]
    public static extern int OpenAt(int dirFd, string path, int flags);
}

internal sealed class IndexFile(IoRing ring, string directory, string name)
{
    private readonly Lazy<Task<int>> _fd = new(async () =>
    {
        SafeDirectory dir = await SafeDirectory.OpenAsync(ring, directory);
        int fd = /*~ASYS1007*/Libc.OpenAt(dir.Fd, name, Libc.O_RDONLY | Libc.O_CLOEXEC);
        return ErrnoException.ThrowIfNegative(fd, "openat");
    });

    public Task<int> DescriptorAsync() => _fd.Value;
}

internal sealed class SafeDirectory(int fd)
{
    public int Fd => fd;

    public static async Task<SafeDirectory> OpenAsync(IoRing ring, string path) =>
        new(await ring.OpenAtAsync(IoRing.AtCurrentDirectory, path, (OpenFlags)0x10000));
}
