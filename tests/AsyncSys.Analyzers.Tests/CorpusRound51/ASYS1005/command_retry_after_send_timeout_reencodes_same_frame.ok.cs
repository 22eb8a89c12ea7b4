// A device command client encodes a command into its one frame field and sends it under `WaitAsync(timeout)`; when the wait throws it cancels the send and awaits the send's own task before rethrowing or before the loop goes round and encodes the next attempt into the frame.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.CommandRetryOk;

internal sealed class CommandClient(IoRing ring, int socket)
{
    private readonly byte[] _frame = new byte[64];
    private uint _sequence;

    public async Task SendCommandAsync(ushort opcode, TimeSpan timeout, CancellationToken ct)
    {
        for (int attempt = 0; ; attempt++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(_frame, ++_sequence);
            BinaryPrimitives.WriteUInt16BigEndian(_frame.AsSpan(4), opcode);
            using var abort = CancellationTokenSource.CreateLinkedTokenSource(ct);
            Task<int> send = ring.SendAsync(socket, _frame.AsMemory(0, 6), MessageFlags.NoSignal, abort.Token).AsTask();
            try
            {
                await send.WaitAsync(timeout, ct).ConfigureAwait(false);
                return;
            }
            catch (Exception ex)
            {
                abort.Cancel();
                await ((Task)send).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (ex is not TimeoutException || attempt >= 3)
                {
                    throw;
                }
            }
        }
    }
}
