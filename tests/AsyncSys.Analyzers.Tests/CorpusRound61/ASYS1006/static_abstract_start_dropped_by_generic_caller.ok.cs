// The generic sweeper awaits each probe's operation started through the static abstract member.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.StaticAbstractProbeOk;

internal interface IRingProbe
{
    static abstract ValueTask<int> StartAsync(IoRing ring, int fd, byte[] buffer, CancellationToken ct);
}

internal readonly struct HeaderProbe : IRingProbe
{
    public static ValueTask<int> StartAsync(IoRing ring, int fd, byte[] buffer, CancellationToken ct) =>
        ring.ReadAsync(fd, buffer.AsMemory(0, 64), 0, ct);
}

internal sealed class ProbeSweeper(IoRing ring)
{
    public async Task SweepAsync<TProbe>(int[] fds, byte[][] buffers, CancellationToken ct)
        where TProbe : IRingProbe
    {
        for (int i = 0; i < fds.Length; i++)
        {
            await TProbe.StartAsync(ring, fds[i], buffers[i], ct).ConfigureAwait(false);
        }
    }

    public Task SweepHeadersAsync(int[] fds, byte[][] buffers, CancellationToken ct) => SweepAsync<HeaderProbe>(fds, buffers, ct);
}
