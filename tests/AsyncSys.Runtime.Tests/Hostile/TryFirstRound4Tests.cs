using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// The attempt on the caller first (docs/performance.md "Try first, then ring") where the kernel object changes under
/// it: a descriptor's O_NONBLOCK flipped by another thread, a file extended and truncated, pages evicted from the page
/// cache, a socket shut down in either direction, MSG_PEEK and MSG_WAITALL. Bytes returned are always the object's,
/// none is lost or returned twice, and nothing waits for ever.
/// </summary>
public sealed class TryFirstRound4Tests
{
    /// <summary>A file of <paramref name="size"/> pattern bytes on a disk-backed file system (eviction is real there), synced.</summary>
    private static (string Path, byte[] Content) DiskFile(int size, int seed)
    {
        string path = System.IO.Path.Combine(AppContext.BaseDirectory, $"hostile4-{Guid.NewGuid():N}");
        byte[] content = Sys.Pattern(size, seed);
        System.IO.File.WriteAllBytes(path, content);
        using SafeFileHandle h = System.IO.File.OpenHandle(path, System.IO.FileMode.Open, System.IO.FileAccess.ReadWrite);
        Sys.Check(Sys.fsync((int)h.DangerousGetHandle()), "fsync");
        return (path, content);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Reads_of_a_pipe_and_a_socket_whose_O_NONBLOCK_another_thread_keeps_flipping_lose_and_repeat_no_byte(IoBackend backend, DeliveryMode mode)
    {
        int total = Hostile.Rounds(1500, 40000);
        using IoRing ring = Hostile.Create(backend, mode);
        using var pipe = new RawPipe();
        (int a, int b) = Sys.SocketPair();
        int eagain = 0;
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                foreach ((int readFd, int writeFd, bool socket) in new[] { (pipe.Read, pipe.Write, false), (a, b, true) })
                {
                    using var stop = new CancellationTokenSource();
                    Task flipper = Task.Run(() =>
                    {
                        for (int n = 0; !stop.IsCancellationRequested; n++)
                        {
                            Sys.SetNonBlocking(readFd, n % 2 == 0);
                            Thread.SpinWait(50);
                        }

                        Sys.SetNonBlocking(readFd, false);
                    });
                    Task writer = Task.Run(() =>
                    {
                        for (int i = 0; i < total; i += 7)
                        {
                            int n = Math.Min(7, total - i);
                            Sys.WriteAll(writeFd, Enumerable.Range(i, n).Select(k => Sys.PatternByte(k)).ToArray());
                            if (i % 70 == 0)
                            {
                                Thread.Yield();
                            }
                        }
                    });

                    int got = 0;
                    var buffer = new byte[16];
                    while (got < total)
                    {
                        try
                        {
                            int n = socket
                                ? await Hostile.Within(ring.ReceiveAsync(readFd, buffer).AsTask(), ring, "a recv")
                                : await Hostile.Within(ring.ReadAsync(readFd, buffer).AsTask(), ring, "a read");
                            Assert.True(n > 0, $"{(socket ? "recv" : "read")} returned {n} with {total - got} bytes still to come");
                            for (int j = 0; j < n; j++)
                            {
                                Assert.True(buffer[j] == Sys.PatternByte(got + j), $"byte {got + j} is {buffer[j]}, the stream has {Sys.PatternByte(got + j)} there (lost or repeated bytes)");
                            }

                            got += n;
                        }
                        catch (ErrnoException e) when (e.Errno == Errno.EAGAIN)
                        {
                            // The descriptor was non-blocking when the kernel looked: the plain call's answer.
                            eagain++;
                            await Task.Yield();
                        }
                    }

                    await Hostile.Within(writer, ring, "the writer");
                    stop.Cancel();
                    await Hostile.Within(flipper, ring, "the flipper");
                    Assert.Equal(0, Sys.Pending(readFd));
                }
            });
        }
        finally
        {
            Sys.close(a);
            Sys.close(b);
        }

        Assert.Equal(0, ring.InFlightCount);
        Assert.True(eagain >= 0);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Accepts_on_a_listener_whose_O_NONBLOCK_is_flipped_meanwhile_take_every_connection_exactly_once(IoBackend backend, DeliveryMode mode)
    {
        int connections = Hostile.Rounds(48, 1000);
        using IoRing ring = Hostile.Create(backend, mode);
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(connections);
        int fd = (int)listener.Handle;
        var clients = new List<Socket>();
        var acceptedFds = new List<int>();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                using var stop = new CancellationTokenSource();
                Task flipper = Task.Run(() =>
                {
                    for (int n = 0; !stop.IsCancellationRequested; n++)
                    {
                        Sys.SetNonBlocking(fd, n % 2 == 0);
                        Thread.SpinWait(50);
                    }

                    Sys.SetNonBlocking(fd, false);
                });
                Task connector = Task.Run(async () =>
                {
                    for (int i = 0; i < connections; i++)
                    {
                        var c = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                        await c.ConnectAsync(listener.LocalEndPoint!);
                        lock (clients)
                        {
                            clients.Add(c);
                        }

                        if (i % 4 == 0)
                        {
                            await Task.Delay(1);
                        }
                    }
                });

                while (acceptedFds.Count < connections)
                {
                    try
                    {
                        int accepted = await Hostile.Within(ring.AcceptAsync(fd).AsTask(), ring, "an accept");
                        Assert.True(accepted > 2);
                        acceptedFds.Add(accepted);
                    }
                    catch (ErrnoException e) when (e.Errno == Errno.EAGAIN)
                    {
                        await Task.Yield();
                    }
                }

                await Hostile.Within(connector, ring, "the connector");
                stop.Cancel();
                await Hostile.Within(flipper, ring, "the flipper");
            });

            Assert.Equal(connections, acceptedFds.Distinct().Count());

            // Nothing left in the queue: every connection was taken once.
            Sys.SetNonBlocking(fd, true);
            int extra = Sys.accept4(fd, 0, 0, Sys.O_CLOEXEC);
            Assert.True(extra < 0, "a connection was left in the listener's queue");
        }
        finally
        {
            foreach (int a in acceptedFds)
            {
                Sys.close(a);
            }

            foreach (Socket c in clients)
            {
                c.Dispose();
            }
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Page_cache_eviction_racing_reads_never_changes_the_bytes_they_return(IoBackend backend, DeliveryMode mode)
    {
        const int Size = 8 << 20;
        int reads = Hostile.Rounds(120, 4000);
        (string path, byte[] content) = DiskFile(Size, seed: 4);
        using IoRing ring = Hostile.Create(backend, mode);
        using SafeFileHandle handle = System.IO.File.OpenHandle(path, System.IO.FileMode.Open, System.IO.FileAccess.Read);
        int fd = (int)handle.DangerousGetHandle();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                using var stop = new CancellationTokenSource();
                Task evictor = Task.Run(() =>
                {
                    var random = new Random(4);
                    while (!stop.IsCancellationRequested)
                    {
                        if (random.Next(4) == 0)
                        {
                            Sys.posix_fadvise(fd, 0, 0, Sys.POSIX_FADV_DONTNEED);
                        }
                        else
                        {
                            Sys.posix_fadvise(fd, random.Next(Size), random.Next(1 << 20), Sys.POSIX_FADV_DONTNEED);
                        }

                        Thread.Yield();
                    }
                });

                Task[] readers = Enumerable.Range(0, 4).Select(r => Task.Run(async () =>
                {
                    var random = new Random(r);
                    for (int i = 0; i < reads; i++)
                    {
                        long offset = random.Next(3) == 0 ? random.Next(Size / 4096) * 4096L : random.Next(Size - 1);
                        int length = 1 + random.Next(128 << 10);
                        var buffer = new byte[length];
                        int n;
                        switch (i % 3)
                        {
                            case 0:
                                n = await ring.ReadAsync(handle, buffer, offset);
                                break;
                            case 1:
                                int half = length / 2;
                                n = await ring.ReadAsync(handle, new Memory<byte>[] { buffer.AsMemory(0, half), buffer.AsMemory(half) }, offset);
                                break;
                            default:
                                int exact = (int)Math.Min(length, Size - offset);
                                await ring.ReadExactlyAsync(handle, buffer.AsMemory(0, exact), offset);
                                n = exact;
                                break;
                        }

                        Assert.True(n > 0 && n <= Math.Min(length, Size - offset), $"a read of {length} at {offset} returned {n}");
                        int bad = buffer.AsSpan(0, n).SequenceEqual(content.AsSpan((int)offset, n)) ? -1 : Enumerable.Range(0, n).First(j => buffer[j] != content[offset + j]);
                        Assert.True(bad < 0, $"read {i % 3} of {length} at {offset}: byte {offset + bad} is {buffer[Math.Max(bad, 0)]}, the file has {content[offset + Math.Max(bad, 0)]}");
                    }
                })).ToArray();

                await Hostile.Within(Task.WhenAll(readers), ring, "the readers");
                stop.Cancel();
                await evictor;
            });
        }
        finally
        {
            System.IO.File.Delete(path);
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Reads_of_a_file_another_thread_extends_and_truncates_return_only_its_bytes_or_the_holes_it_left(IoBackend backend, DeliveryMode mode)
    {
        const int Size = 1 << 20, Floor = 256 << 10;
        int reads = Hostile.Rounds(200, 5000);
        (string path, byte[] content) = DiskFile(Size, seed: 9);
        using IoRing ring = Hostile.Create(backend, mode);
        using SafeFileHandle handle = System.IO.File.OpenHandle(path, System.IO.FileMode.Open, System.IO.FileAccess.ReadWrite);
        int fd = (int)handle.DangerousGetHandle();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                using var stop = new CancellationTokenSource();
                Task mutator = Task.Run(() =>
                {
                    var random = new Random(9);
                    while (!stop.IsCancellationRequested)
                    {
                        int length = Floor + random.Next(Size - Floor);
                        Sys.Check(Sys.ftruncate(fd, length), "ftruncate");
                        switch (random.Next(3))
                        {
                            case 0:
                                // Extended with holes (zeros).
                                Sys.Check(Sys.ftruncate(fd, Size), "ftruncate");
                                break;
                            case 1:
                                // Extended by writing the original bytes back.
                                unsafe
                                {
                                    fixed (byte* p = content)
                                    {
                                        Sys.pwrite(fd, p + length, (nuint)(Size - length), length);
                                    }
                                }

                                break;
                            default:
                                Sys.posix_fadvise(fd, 0, 0, Sys.POSIX_FADV_DONTNEED);
                                break;
                        }

                        Thread.Yield();
                    }
                });

                Task[] readers = Enumerable.Range(0, 3).Select(r => Task.Run(async () =>
                {
                    var random = new Random(100 + r);
                    for (int i = 0; i < reads; i++)
                    {
                        long offset = Floor - 4096 + random.Next(Size - Floor);
                        int length = 1 + random.Next(64 << 10);
                        var buffer = new byte[length];
                        int n = i % 2 == 0
                            ? await ring.ReadAsync(fd, buffer, offset)
                            : await ring.ReadAsync(fd, new Memory<byte>[] { buffer.AsMemory(0, length / 3), buffer.AsMemory(length / 3) }, offset);
                        Assert.True(n >= 0 && n <= Math.Min(length, Size - offset), $"a read of {length} at {offset} returned {n}");
                        for (int j = 0; j < n; j++)
                        {
                            byte expected = content[offset + j];
                            Assert.True(buffer[j] == expected || buffer[j] == 0, $"a read at {offset}: byte {offset + j} is {buffer[j]}, the file only ever had {expected} or a hole (0) there");
                        }

                    }
                })).ToArray();

                await Hostile.Within(Task.WhenAll(readers), ring, "the readers");
                stop.Cancel();
                await mutator;
            });
        }
        finally
        {
            System.IO.File.Delete(path);
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_socket_shut_down_mid_stream_in_either_direction_ends_receives_and_sends_as_the_plain_calls_do(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        (int a, int b) = Sys.SocketPair();
        (int c, int d) = Sys.SocketPair();
        (int e, int f) = Sys.SocketPair();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                // The peer sends in pieces, then SHUT_WR at a point the reader cannot know: the stream, then 0, then 0.
                int length = 20000 + new Random().Next(20000);
                Task writer = Task.Run(async () =>
                {
                    for (int i = 0; i < length; i += 997)
                    {
                        Sys.WriteAll(b, Enumerable.Range(i, Math.Min(997, length - i)).Select(k => Sys.PatternByte(k, 3)).ToArray());
                        if (i % 4 == 0)
                        {
                            await Task.Yield();
                        }
                    }

                    Sys.Check(Sys.shutdown(b, Sys.SHUT_WR), "shutdown");
                });
                int got = 0;
                var buffer = new byte[1500];
                while (true)
                {
                    int n = await Hostile.Within(ring.ReceiveAsync(a, buffer).AsTask(), ring, "a recv of the stream");
                    if (n == 0)
                    {
                        break;
                    }

                    for (int j = 0; j < n; j++)
                    {
                        Assert.True(buffer[j] == Sys.PatternByte(got + j, 3), $"byte {got + j} of the stream is wrong");
                    }

                    got += n;
                }

                Assert.Equal(length, got);
                Assert.Equal(0, await ring.ReceiveAsync(a, buffer));
                await writer;

                // SHUT_RD on the receiving side while a receive waits (or before it is tried): 0, as recv(2) then says.
                Task<int> waiting = ring.ReceiveAsync(c, buffer).AsTask();
                await Task.Run(() => Sys.Check(Sys.shutdown(c, Sys.SHUT_RD), "shutdown"));
                Assert.Equal(0, await Hostile.Within(waiting, ring, "a recv after SHUT_RD"));
                Assert.Equal(0, await ring.ReceiveAsync(c, buffer));

                // SHUT_WR on the sending side while a send waits for room: once the peer drains, EPIPE or the count it
                // moved, never a hang; the peer gets exactly what the counts say.
                int filled = 0;
                unsafe
                {
                    byte* chunk = stackalloc byte[4096];
                    nint sent;
                    while ((sent = Sys.send(e, chunk, 4096, Sys.MSG_DONTWAIT)) > 0)
                    {
                        filled += (int)sent;
                    }
                }

                Task<(Ending Ending, int Value, Exception? Error)> send = new Ledger().Track(() => ring.SendAsync(e, new byte[65536], MessageFlags.NoSignal), "send");
                await Task.Run(() => Sys.Check(Sys.shutdown(e, Sys.SHUT_WR), "shutdown"));
                long received = 0;
                var sink = new byte[65536];
                while (!send.IsCompleted || Sys.Pending(f) > 0)
                {
                    received += Sys.Take(f, sink.Length).Length;
                    await Task.Delay(1);
                    Assert.True(received <= filled + 65536, "the peer received more than was sent");
                    await Hostile.Within(Task.WhenAny(send, Task.Delay(1)), ring, "the send");
                }

                (Ending ending, int value, Exception? error) = await Hostile.Within(send, ring, "the send after SHUT_WR");
                Assert.True(
                    (ending == Ending.Errno && error is ErrnoException { Errno: Errno.EPIPE }) || (ending == Ending.Result && value >= 0),
                    $"a send after SHUT_WR ended {ending} {value}: {error}");
                int moved = ending == Ending.Result ? value : 0;
                received += Sys.Take(f, sink.Length).Length;
                Assert.Equal(filled + moved, received);
            });
        }
        finally
        {
            foreach (int fd in new[] { a, b, c, d, e, f })
            {
                Sys.close(fd);
            }
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task MSG_PEEK_leaves_the_bytes_and_MSG_WAITALL_waits_for_all_of_them_or_the_end_of_the_stream(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        (int a, int b) = Sys.SocketPair();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                var buffer = new byte[16];

                // Bytes there: a peek (tried first) returns them and leaves them, twice; a plain recv takes them.
                Sys.WriteAll(b, new byte[] { 1, 2, 3, 4, 5 });
                for (int i = 0; i < 2; i++)
                {
                    Assert.Equal(5, await ring.ReceiveAsync(a, buffer, MessageFlags.Peek));
                    Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, buffer[..5]);
                    Assert.Equal(5, Sys.Pending(a));
                }

                Assert.Equal(5, await ring.ReceiveAsync(a, buffer));
                Assert.Equal(0, Sys.Pending(a));

                // Nothing there: the peek waits, returns what came, and leaves it.
                Task<int> peek = ring.ReceiveAsync(a, buffer, MessageFlags.Peek).AsTask();
                await Task.Run(() => Sys.WriteAll(b, new byte[] { 6, 7, 8 }));
                Assert.Equal(3, await Hostile.Within(peek, ring, "a waiting peek"));
                Assert.Equal(new byte[] { 6, 7, 8 }, buffer[..3]);
                Assert.Equal(3, Sys.Pending(a));
                Assert.Equal(3, await ring.ReceiveAsync(a, buffer));

                // MSG_WAITALL: 10 bytes arriving in two pieces come back as one 10-byte result.
                Task<int> all = ring.ReceiveAsync(a, buffer.AsMemory(0, 10), MessageFlags.WaitAll).AsTask();
                Sys.WriteAll(b, new byte[] { 10, 11, 12, 13 });
                await Task.Delay(10);
                Assert.False(all.IsCompleted, "MSG_WAITALL returned before all 10 bytes came");
                Sys.WriteAll(b, new byte[] { 14, 15, 16, 17, 18, 19 });
                Assert.Equal(10, await Hostile.Within(all, ring, "a MSG_WAITALL recv"));
                Assert.Equal(Enumerable.Range(10, 10).Select(i => (byte)i), buffer[..10]);

                // MSG_WAITALL cut short by the end of the stream: what came, then 0.
                Task<int> cut = ring.ReceiveAsync(a, buffer.AsMemory(0, 10), MessageFlags.WaitAll).AsTask();
                Sys.WriteAll(b, new byte[] { 20, 21, 22, 23 });
                await Task.Run(() => Sys.Check(Sys.shutdown(b, Sys.SHUT_WR), "shutdown"));
                Assert.Equal(4, await Hostile.Within(cut, ring, "a MSG_WAITALL recv cut by SHUT_WR"));
                Assert.Equal(new byte[] { 20, 21, 22, 23 }, buffer[..4]);
                Assert.Equal(0, await ring.ReceiveAsync(a, buffer, MessageFlags.Peek));
                Assert.Equal(0, await ring.ReceiveAsync(a, buffer));
            });
        }
        finally
        {
            Sys.close(a);
            Sys.close(b);
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    /// <summary>
    /// Added after the fourth folder run, where a MSG_WAITALL receive on the workers (LinuxAio, Inline) returned 4 of its
    /// 10 bytes: a receive whose socket is not ready asks the non-blocking form once before it waits, and recv with
    /// MSG_DONTWAIT returns what is there, MSG_WAITALL or not. SO_RCVLOWAT makes the window certain: with 4 bytes queued
    /// and a low-water mark of 10, poll says "not ready" while the 4 bytes are there, as in the race.
    /// </summary>
    private static unsafe void SetLowWaterMark(int fd, int option, int bytes) =>
        Sys.Check(Sys.setsockopt(fd, Sys.SOL_SOCKET, option, &bytes, sizeof(int)), "setsockopt(SO_RCVLOWAT)");

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_MSG_WAITALL_receive_that_finds_part_of_its_bytes_waits_for_all_of_them(IoBackend backend, DeliveryMode mode)
    {
        const int SO_RCVLOWAT = 18;
        using IoRing ring = Hostile.Create(backend, mode);
        (Socket client, Socket server) = Sys.TcpPair();
        try
        {
            SetLowWaterMark((int)server.Handle, SO_RCVLOWAT, 10);

            await Hostile.Run(ring, mode, async () =>
            {
                client.Send(new byte[] { 0, 1, 2, 3 });
                await Hostile.Until(() => server.Available == 4, "the first 4 bytes arrive");
                var buffer = new byte[10];
                Task<int> all = ring.ReceiveAsync(server.SafeHandle, buffer, MessageFlags.WaitAll).AsTask();
                await Task.Delay(20);
                Assert.False(all.IsCompleted, $"a MSG_WAITALL receive of 10 bytes returned {(all.IsCompletedSuccessfully ? all.Result : -1)} with 4 there");
                client.Send(Enumerable.Range(4, 10).Select(i => (byte)i).ToArray());
                Assert.Equal(10, await Hostile.Within(all, ring, "the MSG_WAITALL receive"));
                Assert.Equal(Enumerable.Range(0, 10).Select(i => (byte)i), buffer);

                // The nearest correct shape: without MSG_WAITALL a receive may return what is there (here 4 bytes).
                await Hostile.Until(() => server.Available == 4, "the last 4 bytes are there");
                Assert.Equal(4, await Hostile.Within(ring.ReceiveAsync(server.SafeHandle, buffer, MessageFlags.None).AsTask(), ring, "a plain receive"));
                Assert.Equal(new byte[] { 10, 11, 12, 13 }, buffer[..4]);
            });
        }
        finally
        {
            client.Dispose();
            server.Dispose();
        }

        Assert.Equal(0, ring.InFlightCount);
    }
}
