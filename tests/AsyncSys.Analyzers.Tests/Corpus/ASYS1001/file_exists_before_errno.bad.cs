// File.Exists runs its own stat between the failed open and the errno read.
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
            if (!Directory.Exists(Path.GetDirectoryName(path)))
            {
                throw new DirectoryNotFoundException(path);
            }

            throw new ErrnoException(/*~ASYS1001*/Marshal.GetLastPInvokeError(), "open", path);
        }

        return fd;
    }
}
