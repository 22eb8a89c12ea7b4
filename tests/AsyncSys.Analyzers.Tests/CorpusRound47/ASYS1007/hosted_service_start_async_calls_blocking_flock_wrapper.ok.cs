// A hosted service takes the data directory's lock in StartAsync by awaiting the flock wrapper's generated variant, which runs the blocking call on a worker.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus47.DataDirLockOk;

internal static partial class DirectoryLock
{
    private const int LOCK_EX = 2;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Acquire(int fd) => Flock(fd, LOCK_EX);
}

/// <summary>The shape of Microsoft.Extensions.Hosting's IHostedService, which the corpus compiles without.</summary>
internal interface IHostedService
{
    Task StartAsync(CancellationToken cancellationToken);

    Task StopAsync(CancellationToken cancellationToken);
}

internal sealed class DataDirectoryService(IoRing ring, int lockFd, string manifestPath) : IHostedService
{
    public byte[] Manifest { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Manifest = await File.ReadAllBytesAsync(manifestPath, cancellationToken).ConfigureAwait(false);
        await DirectoryLock.AcquireAsync(ring, lockFd, cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await ring.CloseAsync(lockFd, cancellationToken).ConfigureAwait(false);
}
