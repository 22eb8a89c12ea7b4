// Probes are described by an interface with a static abstract member that starts the probe's ring operation and returns its ValueTask. A generic sweeper calls `TProbe.StartAsync(...)` for each descriptor and discards the result: the read is started and never observed, its failure is lost and the pooled ValueTask source is never returned.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.StaticAbstractProbeBad;

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
    public void Sweep<TProbe>(int[] fds, byte[][] buffers, CancellationToken ct)
        where TProbe : IRingProbe
    {
        for (int i = 0; i < fds.Length; i++)
        {
            /*~ASYS1006*/_ = TProbe.StartAsync(ring, fds[i], buffers[i], ct);
        }
    }

    public void SweepHeaders(int[] fds, byte[][] buffers, CancellationToken ct) => Sweep<HeaderProbe>(fds, buffers, ct);
}
