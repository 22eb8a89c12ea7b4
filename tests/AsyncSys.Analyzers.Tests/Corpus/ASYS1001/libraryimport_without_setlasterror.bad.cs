// The import does not ask the runtime to save errno, so GetLastPInvokeError returns a stale value.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static partial class Sys
{
    [LibraryImport("libc", EntryPoint = "unlink", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Unlink(string path);
}

internal static class TempFiles
{
    public static void Delete(string path)
    {
        if (Sys.Unlink(path) != 0)
        {
            int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
            if (errno != Errno.ENOENT)
            {
                throw new ErrnoException(errno, "unlink", path);
            }
        }
    }
}
