// errno is read through a local function right after mkdir, before the failure is logged.
using System;
using System.Runtime.InteropServices;

namespace Round2;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "mkdir", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int Mkdir(string path, uint mode);
}

internal static class Directories
{
    public static int Create(string path)
    {
        if (Native.Mkdir(path, 0x1ED) == 0)
        {
            return 0;
        }

        int errno = LastError();
        Console.Error.WriteLine("mkdir failed: " + path);
        return -errno;

        static int LastError() => Marshal.GetLastPInvokeError();
    }
}
