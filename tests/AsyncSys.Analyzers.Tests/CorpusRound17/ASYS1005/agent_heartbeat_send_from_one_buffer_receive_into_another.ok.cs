// An agent sends a heartbeat to its control plane and receives the reply concurrently, each on its own array: the
// receive's buffer is not the one the send still reads, and each is awaited before it is touched.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round17.InFlight.HeartbeatSeparateBuffers;

public sealed class ControlPlaneChannel(IoRing ring, int socketFd)
{
    private readonly byte[] _outbound = new byte[256];
    private readonly byte[] _inbound = new byte[4096];

    public async Task<int> HeartbeatAsync(long sequence)
    {
        BitConverter.TryWriteBytes(_outbound, sequence);
        ValueTask<int> send = ring.SendAsync(socketFd, _outbound.AsMemory(0, 8));
        ValueTask<int> reply = ring.ReceiveAsync(socketFd, _inbound);
        await send;
        int n = await reply;
        _inbound[0] = 0;
        return n;
    }
}
