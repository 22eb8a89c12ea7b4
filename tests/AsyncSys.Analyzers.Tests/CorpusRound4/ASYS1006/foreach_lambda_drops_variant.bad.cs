using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round4.Observed.ForEach;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fsync(int fd);
}

internal static class Checkpoint
{
    public static void SyncAll(List<int> fds) => fds.ForEach(fd => /*~ASYS1006*/Libc.FsyncAsync(fd));   // Action<int>: each ValueTask dropped
}
