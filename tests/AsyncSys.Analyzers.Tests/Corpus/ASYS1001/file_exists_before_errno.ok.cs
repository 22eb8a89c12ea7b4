// errno is kept before the directory check.
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static partial class Sys
{
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags, int mode);
}

internal static class Opener
{
    public static int OpenForAppend(string path)
    {
        int fd = Sys.Open(path, 0x441, 0x1A4);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (!Directory.Exists(Path.GetDirectoryName(path)))
            {
                throw new DirectoryNotFoundException(path);
            }

            throw new ErrnoException(errno, "open", path);
        }

        return fd;
    }
}
