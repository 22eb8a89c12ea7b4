// Dispose starts the generated fsync variant and drops the task: its error is lost.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fsync(int fd);
}

internal sealed class WriteAheadLog(int fd) : IDisposable
{
    public void Dispose()
    {
        /*~ASYS1006*/Libc.FsyncAsync(fd);
    }
}
