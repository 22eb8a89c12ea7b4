// The lambda in the field initializer awaits the generated variant.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int FDataSync(int fd);
}

internal sealed class Checkpointer
{
    private readonly Func<int, Task<int>> _checkpoint = async fd =>
    {
        await Task.Yield();
        return await Libc.FDataSyncAsync(fd);
    };

    public Task<int> RunAsync(int fd) => _checkpoint(fd);
}
