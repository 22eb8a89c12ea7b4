// The same check with SetLastError = true on the import.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static partial class Sys
{
    [LibraryImport("libc", EntryPoint = "unlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Unlink(string path);
}

internal static class TempFiles
{
    public static void Delete(string path)
    {
        if (Sys.Unlink(path) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.ENOENT)
            {
                throw new ErrnoException(errno, "unlink", path);
            }
        }
    }
}
