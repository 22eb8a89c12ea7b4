// A progress dialog keeps the spinner turning while a large read is pending: it polls IsCompleted (which consumes
// nothing), reports progress, and awaits the ValueTask exactly once when it is done.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round32.Unobserved.ProgressDialogPolls;

public sealed class LargeFileLoader(IoRing ring, IProgress<int> spinner)
{
    public async Task<int> LoadAsync(int fd, Memory<byte> destination, CancellationToken ct)
    {
        ValueTask<int> read = ring.ReadAsync(fd, destination, 0, ct);
        int ticks = 0;
        while (!read.IsCompleted)
        {
            spinner.Report(++ticks);
            await Task.Delay(100, ct);
        }

        return await read;
    }
}
