// errno is taken before the handle is disposed.
using System.Runtime.InteropServices;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Corpus;

internal static partial class Sys
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    internal static partial int FDataSync(SafeFileHandle fd);
}

internal static class Durable
{
    public static void SyncAndClose(SafeFileHandle handle)
    {
        int result = Sys.FDataSync(handle);
        int errno = result != 0 ? Marshal.GetLastPInvokeError() : 0;
        handle.Dispose();
        if (result != 0)
        {
            throw new ErrnoException(errno, "fdatasync");
        }
    }
}
