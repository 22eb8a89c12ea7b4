using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Round 6: a positional read or write at a non-zero offset on a descriptor that has no file position gets the same
/// answer on every backend and in every delivery mode, the kernel ring's (the file's own read_iter/write_iter): a socket
/// refuses it with ESPIPE at once, naming the syscall (pread, preadv, pwrite, pwritev), with nothing moved, also when
/// no data is waiting; a pipe or FIFO ignores the offset and moves the bytes (docs/backends.md). Offset 0 reads the
/// stream everywhere (docs/reliability.md).
/// </summary>
public sealed class StreamOffsetRound6Tests
{
    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_read_or_write_at_a_non_zero_offset_is_ESPIPE_on_a_socket_and_ignores_the_offset_on_a_pipe_or_FIFO_on_every_backend(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var pipe = new RawPipe();
        string fifoPath = Path.Combine(Path.GetTempPath(), $"hostile6-fifo-{Guid.NewGuid():N}");
        Sys.Check(Sys.mkfifo(fifoPath, 0x180), "mkfifo");
        int fifoRead = Sys.Check(Sys.open(fifoPath, Sys.O_RDONLY | Sys.O_NONBLOCK | Sys.O_CLOEXEC, 0), "open(fifo, read)");
        int fifoWrite = Sys.Check(Sys.open(fifoPath, Sys.O_WRONLY | Sys.O_CLOEXEC, 0), "open(fifo, write)");
        Sys.SetNonBlocking(fifoRead, false);
        (int socketA, int socketB) = Sys.SocketPair();
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        using Socket server = listener.Accept();
        int tcp = (int)client.Handle, tcpPeer = (int)server.Handle;
        var wrong = new List<string>();
        try
        {
            // (what, the end read, the end written to it, the end written, the end that reads that)
            var streams = new (string Name, int Read, int FeedRead, int Write, int DrainWrite)[]
            {
                ("pipe", pipe.Read, pipe.Write, pipe.Write, pipe.Read),
                ("FIFO", fifoRead, fifoWrite, fifoWrite, fifoRead),
                ("socket pair", socketA, socketB, socketA, socketB),
                ("TCP connection", tcp, tcpPeer, tcp, tcpPeer),
            };

            await Hostile.Run(ring, mode, async () =>
            {
                foreach ((string name, int read, int feedRead, int write, int drainWrite) in streams)
                {
                    Sys.WriteAll(feedRead, new byte[] { 42 });
                    await Hostile.Until(() => Sys.Pending(read) == 1, $"the byte in the {name}");
                    var one = new byte[1];
                    var calls = new (string Call, string Syscall, bool Writes, Func<ValueTask<int>> Run)[]
                    {
                        ("read at offset 5", "pread", false, () => ring.ReadAsync(read, one, 5)),
                        ("vectored read at offset 5", "preadv", false, () => ring.ReadAsync(read, new Memory<byte>[] { one }, 5)),
                        ("write at offset 5", "pwrite", true, () => ring.WriteAtMostAsync(write, new byte[] { 7 }, 5)),
                        ("vectored write at offset 5", "pwritev", true, () => ring.WriteAtMostAsync(write, new ReadOnlyMemory<byte>[] { new byte[] { 7 } }, 5)),
                    };

                    bool socket = name.Contains("socket", StringComparison.Ordinal) || name.Contains("TCP", StringComparison.Ordinal);
                    foreach ((string call, string syscall, bool writes, var run) in calls)
                    {
                        string outcome;
                        try
                        {
                            Task<int> task = run().AsTask();
                            outcome = $"result {await Hostile.Within(task, ring, $"{call} on the {name}")}";
                        }
                        catch (ErrnoException e) when (e.Errno == Errno.ESPIPE && e.Syscall == syscall)
                        {
                            outcome = "ESPIPE";
                        }
                        catch (Exception e)
                        {
                            outcome = $"{e.GetType().Name}: {e.Message}";
                        }

                        int pendingRead = Sys.Pending(read);
                        if (socket)
                        {
                            // Refused, and nothing moved: the byte waiting is still there, nothing reached the peer.
                            int reachedPeer = Sys.Pending(drainWrite);
                            if (outcome != "ESPIPE" || pendingRead != 1 || reachedPeer != 0)
                            {
                                wrong.Add($"{call} on the {name}: {outcome} (expected ErrnoException ESPIPE from {syscall}), {pendingRead} byte(s) left to read (1 expected), {reachedPeer} written (0 expected)");
                                Sys.TakeAll(drainWrite);
                                Sys.TakeAll(read);
                                Sys.WriteAll(feedRead, new byte[] { 42 });
                            }
                        }
                        else
                        {
                            // The offset ignored: the byte was read, or one more is in the pipe; the stream goes on.
                            int expected = writes ? 2 : 0;
                            if (outcome != "result 1" || pendingRead != expected)
                            {
                                wrong.Add($"{call} on the {name}: {outcome} (expected result 1), {pendingRead} byte(s) left to read ({expected} expected)");
                            }

                            Sys.TakeAll(read);
                            Sys.WriteAll(feedRead, new byte[] { 42 });
                        }
                    }

                    if (socket)
                    {
                        // With nothing to read: still ESPIPE at once, not a wait for data.
                        Sys.TakeAll(read);
                        string idle;
                        try
                        {
                            idle = $"result {await Hostile.Within(ring.ReadAsync(read, one, 5).AsTask(), ring, $"a read at offset 5 on the idle {name}")}";
                        }
                        catch (ErrnoException e) when (e.Errno == Errno.ESPIPE && e.Syscall == "pread")
                        {
                            idle = "ESPIPE";
                        }

                        if (idle != "ESPIPE")
                        {
                            wrong.Add($"read at offset 5 on the idle {name}: {idle}");
                        }

                        Sys.WriteAll(feedRead, new byte[] { 42 });
                        await Hostile.Until(() => Sys.Pending(read) == 1, $"the byte in the {name}");
                    }

                    // The negative: offset 0 is a plain read of the stream on every backend.
                    int n = await Hostile.Within(ring.ReadAsync(read, one, 0).AsTask(), ring, $"a read at offset 0 on the {name}");
                    if (n != 1 || one[0] != 42)
                    {
                        wrong.Add($"read at offset 0 on the {name}: {n} byte(s), {one[0]}");
                    }
                }
            });

            Assert.True(wrong.Count == 0, $"{backend} {mode}:\n" + string.Join("\n", wrong));
            Assert.Equal(0, ring.InFlightCount);
        }
        finally
        {
            foreach (int fd in new[] { fifoRead, fifoWrite, socketA, socketB })
            {
                Sys.close(fd);
            }

            File.Delete(fifoPath);
        }
    }
}
