// A synchronous API calls the blocking wrapper: that is what it is for.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int FDataSync(int fd);
}

internal sealed class Table(int fd)
{
    public void Flush()
    {
        if (Libc.FDataSync(fd) != 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "fdatasync");
        }
    }
}
