// A request/response server runs each connection's loop on the ring thread (RunOnRingAsync) to skip the pool hop, and awaits the reply send: on the ring context the await resumes inline when the ring reaps the send, with no pool hop and no blocked ring thread.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus49.RingLoopResultOk;

internal sealed class EchoConnection(IoRing ring, int socket)
{
    private readonly byte[] _request = GC.AllocateUninitializedArray<byte>(4096, pinned: true);
    private readonly byte[] _response = GC.AllocateUninitializedArray<byte>(4096, pinned: true);

    public Task RunAsync(CancellationToken ct) => ring.RunOnRingAsync(async () =>
    {
        while (!ct.IsCancellationRequested)
        {
            int n = await ring.ReceiveAsync(socket, _request, MessageFlags.None, ct);
            if (n == 0)
            {
                return;
            }

            int length = Respond(_request.AsSpan(0, n), _response);
            int sent = await ring.SendAsync(socket, _response.AsMemory(0, length), MessageFlags.None, ct);
            if (sent != length)
            {
                return;
            }
        }
    });

    private static int Respond(ReadOnlySpan<byte> request, Span<byte> response)
    {
        int length = Math.Min(request.Length, response.Length);
        request[..length].CopyTo(response);
        return length;
    }
}
