// A wrapper with out parameters called from async code (its variant returns a result record).
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static unsafe partial class Pipes
{
    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    private static partial int Pipe2(int* fds, int flags);

    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int CreatePipe(int flags, out int readFd, out int writeFd)
    {
        int* fds = stackalloc int[2];
        int result = Pipe2(fds, flags);
        readFd = fds[0];
        writeFd = fds[1];
        return result;
    }
}

internal static class Spawner
{
    public static async Task<int> StartAsync(IoRing ring, CancellationToken cancellationToken)
    {
        await ring.NopAsync(cancellationToken);
        /*~ASYS1007*/Pipes.CreatePipe(0x80000, out int readFd, out int writeFd);
        await ring.CloseAsync(writeFd, cancellationToken);
        return readFd;
    }
}
