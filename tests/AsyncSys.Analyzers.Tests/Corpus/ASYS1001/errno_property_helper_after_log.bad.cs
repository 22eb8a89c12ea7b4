// errno read through a property helper that returns Marshal.GetLastPInvokeError(), after a logging call.
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
            Console.Error.WriteLine("unlink failed: " + path);
            return -/*~ASYS1001*/Libc.Errno;
        }

        return 0;
    }
}
