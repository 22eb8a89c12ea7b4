// A wrapper's result stored, then tested: the errno read is for the wrapper, not for the close before it.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static partial class Sys
{
    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "memfd_create", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int MemfdCreateNative(string name, uint flags);

    internal static int MemfdCreate(string name, bool closeOnExec) => MemfdCreateNative(name, closeOnExec ? 1u : 0u);
}

internal static class SealedBuffer
{
    public static int Replace(int fd, string name)
    {
        if (Sys.Close(fd) < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "close");
        }

        fd = Sys.MemfdCreate(name, closeOnExec: true);
        if (fd < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "memfd_create");
        }

        return fd;
    }
}
