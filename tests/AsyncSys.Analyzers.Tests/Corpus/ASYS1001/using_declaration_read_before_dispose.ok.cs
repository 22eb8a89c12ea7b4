// The errno read is in the return expression, evaluated before the using declaration disposes the handle.
using System;
using System.Runtime.InteropServices;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Corpus;

internal static partial class Sys
{
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial SafeFileHandle Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    internal static partial int Fsync(SafeFileHandle fd);
}

internal static class DirectorySync
{
    public static int SyncDirectory(string path)
    {
        using SafeFileHandle directory = Sys.Open(path, 0x10000, 0);
        if (directory.IsInvalid)
        {
            return Marshal.GetLastPInvokeError();
        }

        return Sys.Fsync(directory) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }
}
