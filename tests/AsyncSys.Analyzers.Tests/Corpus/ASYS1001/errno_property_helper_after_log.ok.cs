// errno read through a property helper right after the failed unlink, before the logging call.
using System;
using System.Runtime.InteropServices;

namespace Corpus;

internal static unsafe partial class Libc
{
    [LibraryImport("libc", EntryPoint = "unlink", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int Unlink(string path);

    internal static int Errno => Marshal.GetLastPInvokeError();
}

internal static class SocketFile
{
    public static int Remove(string path)
    {
        if (Libc.Unlink(path) != 0)
        {
            int errno = Libc.Errno;
            Console.Error.WriteLine("unlink failed: " + path);
            return -errno;
        }

        return 0;
    }
}
