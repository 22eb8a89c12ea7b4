// errno is captured where unlink failed and the catch filter tests the exception's copy.
using System;
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
                int errno = Marshal.GetLastPInvokeError();
                Console.Error.WriteLine($"could not remove {path}");
                throw new ErrnoException(errno, "unlink", path);
            }

            return true;
        }
        catch (ErrnoException e) when (e.Errno == Errno.ENOENT)
        {
            return false;
        }
    }
}
