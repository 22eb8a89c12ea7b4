// The response batch writer made right: the writer is cleared for the next batch only after the send of its bytes has
// completed.
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round26.InFlight.ResponseBatchClearedAfterSend;

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

        try
        {
            return await ring.SendAsync(socketFd, _output.WrittenMemory, MessageFlags.None, ct);
        }
        finally
        {
            _output.Clear();
        }
    }
}
