using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// A send waiting for room when its own socket is shut down for writing, with nobody reading on the other side (round 4's
/// leftover): a blocking send(2) then fails with EPIPE; the ring and the workers must not wait for the peer to read.
/// </summary>
public sealed class ShutdownSendRound4Tests
{
    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_send_waiting_for_room_ends_when_its_socket_is_shut_down_for_writing_though_nobody_reads(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        (Socket client, Socket server) = Sys.TcpPair();
        (int ua, int ub) = Sys.SocketPair();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                await Check(ring, (int)client.SafeHandle.DangerousGetHandle(), (int)server.SafeHandle.DangerousGetHandle(), "TCP");
                await Check(ring, ua, ub, "UNIX stream");
            });
        }
        finally
        {
            client.Dispose();
            server.Dispose();
            Sys.close(ua);
            Sys.close(ub);
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    private static async Task Check(IoRing ring, int sender, int peer, string kind)
    {
        int filled = 0;
        unsafe
        {
            byte* chunk = stackalloc byte[4096];
            nint sent;
            while ((sent = Sys.send(sender, chunk, 4096, Sys.MSG_DONTWAIT)) > 0)
            {
                filled += (int)sent;
            }
        }

        Task<(Ending Ending, int Value, Exception? Error)> send = new Ledger().Track(() => ring.SendAsync(sender, new byte[65536], MessageFlags.NoSignal), "send");
        await Task.Delay(20);
        await Task.Run(() => Sys.Check(Sys.shutdown(sender, Sys.SHUT_WR), "shutdown"));
        Task done = await Task.WhenAny(send, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(done == send, $"{kind}: a send waiting for room was still waiting 10 s after SHUT_WR on its socket, nobody reading; in flight {Hostile.Describe(ring)}");
        (Ending ending, int value, Exception? error) = await send;
        Assert.True(
            (ending == Ending.Errno && error is ErrnoException { Errno: Errno.EPIPE }) || (ending == Ending.Result && value >= 0),
            $"{kind}: a send after SHUT_WR ended {ending} {value}: {error}");
        int moved = ending == Ending.Result ? value : 0;
        Assert.Equal(filled + moved, ReadToEnd(peer, kind));
    }

    /// <summary>
    /// Everything the peer receives, up to the end of the stream (SHUT_WR sends it after the data). Not until the receive
    /// queue looks empty: on TCP, what still waits in the sender's queue (the receiver's window was full) keeps arriving
    /// while the peer reads, so the queue can be empty for a moment with data still to come (a CI run under load counted
    /// 1,351,168 of 3,935,232 bytes that way).
    /// </summary>
    private static unsafe long ReadToEnd(int peer, string kind)
    {
        long received = 0;
        byte* sink = stackalloc byte[65536];
        int* pollfd = stackalloc int[2];
        while (true)
        {
            pollfd[0] = peer;
            pollfd[1] = 1; // POLLIN; revents 0
            Assert.True(Sys.poll(pollfd, 1, 10_000) == 1, $"{kind}: the peer saw neither data nor the end of the stream in 10 s after SHUT_WR");
            nint read = Sys.read(peer, sink, 65536);
            Assert.True(read >= 0, $"{kind}: read on the peer failed: errno {Marshal.GetLastPInvokeError()}");
            if (read == 0)
            {
                return received;
            }

            received += read;
        }
    }
}
