// DisposeAsync awaits the generated fsync variant.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fsync(int fd);
}

internal sealed class WriteAheadLog(int fd) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await Libc.FsyncAsync(fd);
    }
}
