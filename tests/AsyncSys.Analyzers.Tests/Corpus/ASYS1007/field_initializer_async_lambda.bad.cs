// An async lambda stored in a field initializer calls the blocking fdatasync wrapper.
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
        return /*~ASYS1007*/Libc.FDataSync(fd);
    };

    public Task<int> RunAsync(int fd) => _checkpoint(fd);
}
