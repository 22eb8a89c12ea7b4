// Logging in the else branch never runs before the errno read in the if branch.
using System;
using System.Runtime.InteropServices;

namespace Corpus;

internal static partial class Sys
{
    [LibraryImport("libc", EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MkDir(string path, uint mode);
}

internal static class Spool
{
    public static int Prepare(string path)
    {
        int errno;
        if (Sys.MkDir(path, 0x1C0) != 0)
        {
            errno = Marshal.GetLastPInvokeError();
        }
        else
        {
            Console.WriteLine("created " + path);
            errno = 0;
        }

        return errno;
    }
}
