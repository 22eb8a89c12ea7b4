using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.Observed.LazyTask;

internal sealed class LazyDirectory(IoRing ring, string path)
{
    private const int O_DIRECTORY = 0x10000;

    // Opened once, on first use; every caller awaits the same Task, which may be awaited any number of times.
    private readonly Lazy<Task<int>> _fd = new(
        () => ring.OpenAtAsync(IoRing.AtCurrentDirectory, path, (OpenFlags)O_DIRECTORY).AsTask(),
        LazyThreadSafetyMode.ExecutionAndPublication);

    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        int fd = await _fd.Value.ConfigureAwait(false);
        await ring.FsyncAsync(fd, cancellationToken).ConfigureAwait(false);
    }

    public Task<int> DescriptorAsync() => _fd.Value;
}
