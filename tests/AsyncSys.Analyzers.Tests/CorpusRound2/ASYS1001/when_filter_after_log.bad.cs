// errno is read in a catch filter, after the failing branch wrote to the console and threw.
using System;
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round2;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "unlink", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int Unlink(string path);
}

internal static class LockFile
{
    public static bool TryRemove(string path)
    {
        try
        {
            if (Native.Unlink(path) != 0)
            {
                Console.Error.WriteLine($"could not remove {path}");
                throw new IOException(path);
            }

            return true;
        }
        catch (IOException) when (/*~ASYS1001*/Marshal.GetLastPInvokeError() == Errno.ENOENT)
        {
            return false;
        }
    }
}
