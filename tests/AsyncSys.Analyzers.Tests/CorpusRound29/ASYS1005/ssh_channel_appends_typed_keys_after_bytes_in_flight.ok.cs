// An SSH-like server forwards what the client typed to the pty master. While the write of the first `pending` bytes of
// its staging array runs, keys that arrive meanwhile are encoded after them (from `pending` on), never over the bytes
// the write reads; the next write starts from there once the first completed.
using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.InFlight.SshTypedKeysAfterInFlight;

public sealed class TypedInputForwarder(IoRing ring, int masterFd)
{
    private readonly byte[] _staging = new byte[4096];

    public async Task ForwardAsync(string typed, string typedMeanwhile, CancellationToken ct)
    {
        int pending = Encoding.UTF8.GetBytes(typed, _staging);
        ValueTask write = ring.WriteAsync(masterFd, _staging.AsMemory(0, pending), ct);
        int more = Encoding.UTF8.GetBytes(typedMeanwhile, _staging.AsSpan(pending));
        await write;
        await ring.WriteAsync(masterFd, _staging.AsMemory(pending, more), ct);
    }
}
