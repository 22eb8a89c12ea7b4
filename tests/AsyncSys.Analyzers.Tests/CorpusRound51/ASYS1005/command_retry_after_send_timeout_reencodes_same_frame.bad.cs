// A device command client encodes a command into its one frame field and sends it under `WaitAsync(timeout)`; on TimeoutException the retry loop goes round and encodes the next attempt's sequence number into the same frame while the timed-out send may still be reading it.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.CommandRetryBad;

internal sealed class CommandClient(IoRing ring, int socket)
{
    private readonly byte[] _frame = new byte[64];
    private uint _sequence;

    public async Task SendCommandAsync(ushort opcode, TimeSpan timeout, CancellationToken ct)
    {
        for (int attempt = 0; ; attempt++)
        {
            /*~ASYS1005*/BinaryPrimitives.WriteUInt32BigEndian(_frame, ++_sequence);
            /*~ASYS1005*/BinaryPrimitives.WriteUInt16BigEndian(_frame.AsSpan(4), opcode);
            try
            {
                await ring.SendAsync(socket, _frame.AsMemory(0, 6), MessageFlags.NoSignal, ct)
                    .AsTask()
                    .WaitAsync(timeout, ct)
                    .ConfigureAwait(false);
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }
}
