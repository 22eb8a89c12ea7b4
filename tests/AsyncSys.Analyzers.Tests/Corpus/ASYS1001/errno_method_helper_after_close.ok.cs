// errno read through a method helper before close() runs on the error path.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static unsafe partial class Net
{
    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    internal static partial int Connect(int fd, byte* address, uint length);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    internal static int GetErrno()
    {
        return Marshal.GetLastPInvokeError();
    }
}

internal static unsafe class Dialer
{
    public static void Dial(int fd, byte* address, uint length)
    {
        if (Net.Connect(fd, address, length) < 0)
        {
            int errno = Net.GetErrno();
            Net.Close(fd);
            throw new ErrnoException(errno, "connect");
        }
    }
}
