// Disposing the SafeHandle closes the descriptor (a P/Invoke of its own) before errno is read.
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
        handle.Dispose();
        if (result != 0)
        {
            throw new ErrnoException(/*~ASYS1001*/Marshal.GetLastPInvokeError(), "fdatasync");
        }
    }
}
