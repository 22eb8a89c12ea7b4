// An MQTT broker session answers PINGREQ in a switch section through a static local function that returns the send's ValueTask, and awaits it.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus45.MqttSessionOk;

internal sealed class MqttSession(IoRing ring, int socket)
{
    private static readonly byte[] PingResponse = { 0xD0, 0x00 };

    public async Task HandleAsync(byte fixedHeader, CancellationToken ct)
    {
        switch (fixedHeader >> 4)
        {
            case 12:
                await Reply(ring, socket, PingResponse, ct).ConfigureAwait(false);
                break;
            case 14:
                await ring.CloseAsync(socket, ct).ConfigureAwait(false);
                break;
        }

        static ValueTask<int> Reply(IoRing ring, int socket, byte[] frame, CancellationToken ct) =>
            ring.SendAsync(socket, frame, MessageFlags.None, ct);
    }
}
