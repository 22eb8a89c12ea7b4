// errno read through a method helper after close() ran on the error path: it describes close, not connect.
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
            Net.Close(fd);
            throw new ErrnoException(/*~ASYS1001*/Net.GetErrno(), "connect");
        }
    }
}
