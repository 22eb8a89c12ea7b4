// A pipelined protocol server encodes a batch of responses into an ArrayBufferWriter (an IBufferWriter<byte>), starts
// the ring send of its WrittenMemory, and clears the writer at once so it is "ready for the next batch" before awaiting
// the send. Clear zeroes the written bytes while the kernel is still copying them: the client receives zeros.
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round26.InFlight.ResponseBatchClearedEarly;

public sealed class ResponseBatchWriter(IoRing ring, int socketFd)
{
    private readonly ArrayBufferWriter<byte> _output = new(4096);

    public async Task<int> SendBatchAsync(IReadOnlyList<string> responses, CancellationToken ct)
    {
        foreach (string response in responses)
        {
            _output.Write(Encoding.UTF8.GetBytes(response));
            _output.Write("\r\n"u8);
        }

        ValueTask<int> send = ring.SendAsync(socketFd, _output.WrittenMemory, MessageFlags.None, ct);
        /*~ASYS1005*/_output.Clear();
        return await send;
    }
}
