using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Descriptors whose mode flips under the ring: O_NONBLOCK set on a descriptor before an operation (do the backends
/// give the same answer, as docs/backends.md says work routed to a worker does: "the same result, errno and
/// cancellation semantics, so code never has to branch on it"), and set or cleared by another thread while writes
/// and sends run or while a read waits; O_APPEND toggled with fcntl(F_SETFL) between positional and current-position
/// writes (docs/performance.md: writes to O_APPEND descriptors are never tried first, because a partial attempt redone
/// would append twice); a pipe's capacity changed with F_SETPIPE_SZ while a write or a read waits.
/// </summary>
public sealed class ModeFlipRound5Tests
{
    private static string Describe((Ending Ending, int Value, Exception? Error) e) => e.Ending switch
    {
        Ending.Result => "result",
        Ending.Errno => (e.Error as ErrnoException)?.ErrnoName ?? e.Error?.GetType().Name ?? "?",
        _ => e.Ending.ToString(),
    };

    /// <summary>
    /// How <paramref name="backend"/> answers an operation on a non-blocking descriptor that is not ready: at once (and
    /// with what), or only once <paramref name="feed"/> made it ready.
    /// </summary>
    private static async Task<string> Classify(IoRing ring, Ledger ledger, Func<ValueTask<int>> call, int fd, Action feed)
    {
        string target = Sys.Target(fd)!;
        int links = Sys.CountTargets(target);
        var op = ledger.Track(call, "op");
        await Round5.InBackendHands(ring, op, fd, target, links);
        await Task.Delay(20);
        if (op.IsCompleted)
        {
            return "at once: " + Describe(await op);
        }

        feed();
        return "waited, then: " + Describe(await Hostile.Within(op, ring, "the operation after feeding"));
    }

    [Theory]
    [InlineData(DeliveryMode.Pool)]
    [InlineData(DeliveryMode.PoolTryFirst)]
    [InlineData(DeliveryMode.Inline)]
    [InlineData(DeliveryMode.RingContext)]
    public async Task Every_backend_gives_the_same_answer_for_an_operation_on_a_non_blocking_descriptor_that_is_not_ready(DeliveryMode mode)
    {
        var table = new Dictionary<string, Dictionary<IoBackend, string>>();
        foreach (IoBackend backend in new[] { IoBackend.IoUring, IoBackend.LinuxAio, IoBackend.Workers })
        {
            using IoRing ring = Hostile.Create(backend, mode);
            var ledger = new Ledger();
            await Hostile.Run(ring, mode, async () =>
            {
                void Put(string op, string answer)
                {
                    lock (table)
                    {
                        if (!table.TryGetValue(op, out var row))
                        {
                            table[op] = row = new Dictionary<IoBackend, string>();
                        }

                        row[backend] = answer;
                    }
                }

                using (var pipe = new RawPipe())
                {
                    Sys.SetNonBlocking(pipe.Read, true);
                    Put("read of an empty pipe", await Classify(ring, ledger, () => ring.ReadAsync(pipe.Read, new byte[4]), pipe.Read, () => pipe.Put(1)));
                }

                using (var pipe = new RawPipe())
                {
                    Sys.SetNonBlocking(pipe.Read, true);
                    Put("poll of an empty pipe (waits on every backend)", await Classify(ring, ledger, async () => (int)await ring.PollAsync(pipe.Read, PollEvents.In), pipe.Read, () => pipe.Put(1)));
                }

                using (var pipe = new RawPipe())
                {
                    Sys.Fill(pipe.Write);
                    Sys.SetNonBlocking(pipe.Write, true);
                    Put("write to a full pipe", await Classify(ring, ledger, () => ring.WriteAtMostAsync(pipe.Write, new byte[16]), pipe.Write, () => Sys.TakeAll(pipe.Read)));
                }

                (int a, int b) = Sys.SocketPair();
                Sys.SetNonBlocking(a, true);
                Put("recv on an idle socket", await Classify(ring, ledger, () => ring.ReceiveAsync(a, new byte[4]), a, () => Sys.WriteAll(b, new byte[] { 1 })));
                Sys.close(a);
                Sys.close(b);

                (a, b) = Sys.SocketPair();
                Sys.Fill(a);
                Sys.SetNonBlocking(a, true);
                Put("send on a full socket", await Classify(ring, ledger, () => ring.SendAsync(a, new byte[16]), a, () => Sys.TakeAll(b)));
                Sys.close(a);
                Sys.close(b);

                using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                listener.Listen(4);
                listener.Blocking = false;
                var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                string acceptAnswer = await Classify(ring, ledger, () => ring.AcceptAsync((int)listener.Handle), (int)listener.Handle, () => client.ConnectAsync(listener.LocalEndPoint!));
                Put("accept with nothing queued", acceptAnswer);
                client.Dispose();
            });

            ledger.AssertEachEndedOnce();
        }

        string listing = string.Join("\n", table.Select(r => $"{r.Key}: " + string.Join(" | ", r.Value.Select(c => $"{c.Key}: {c.Value}"))));
        var disagreements = table.Where(r => r.Value.Values.Select(v => v.Split(':')[0]).Distinct().Count() > 1).Select(r => r.Key).ToList();
        Assert.True(disagreements.Count == 0, $"{mode}: the backends disagree on {string.Join(", ", disagreements)} (the plain call answers EAGAIN at once for all but poll):\n{listing}");
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Writes_and_sends_while_another_thread_flips_O_NONBLOCK_move_each_byte_exactly_once(IoBackend backend, DeliveryMode mode)
    {
        int total = Hostile.Rounds(96 * 1024, 4 << 20);
        using IoRing ring = Hostile.Create(backend, mode);
        var wrong = new List<string>();
        int eagain = 0;
        await Hostile.Run(ring, mode, async () =>
        {
            foreach (bool socket in new[] { false, true })
            {
                (int readFd, int writeFd) = socket ? Sys.SocketPair() : Sys.Pipe();
                using var stop = new CancellationTokenSource();
                Task flipper = Task.Run(() =>
                {
                    for (int n = 0; !stop.IsCancellationRequested; n++)
                    {
                        Sys.SetNonBlocking(writeFd, n % 2 == 0);
                        Thread.SpinWait(100);
                    }

                    Sys.SetNonBlocking(writeFd, false);
                });

                // A reader that never blocks its thread for long: takes what is there, checks it is the stream's next bytes.
                long received = 0;
                string? readerFault = null;
                var readerThread = new Thread(() =>
                {
                    while (Volatile.Read(ref received) < total && readerFault is null && !stop.IsCancellationRequested)
                    {
                        if (Sys.PollIn(readFd, 20) <= 0)
                        {
                            continue;
                        }

                        byte[] got = Sys.Take(readFd, 3000);
                        for (int i = 0; i < got.Length; i++)
                        {
                            if (got[i] != Sys.PatternByte(received + i, 5))
                            {
                                readerFault = $"byte {received + i} is {got[i]}, the stream has {Sys.PatternByte(received + i, 5)} there";
                                break;
                            }
                        }

                        Volatile.Write(ref received, received + got.Length);
                    }
                })
                { IsBackground = true, Name = "round5 reader" };
                readerThread.Start();

                byte[] stream = Sys.Pattern(total, 5);
                int sent = 0;
                while (sent < total)
                {
                    int chunk = Math.Min(1500, total - sent);
                    try
                    {
                        ReadOnlyMemory<byte> part = stream.AsMemory(sent, chunk);
                        int n = socket
                            ? await Hostile.Within(ring.SendAsync(writeFd, part).AsTask(), ring, "a send")
                            : await Hostile.Within(ring.WriteAtMostAsync(writeFd, part).AsTask(), ring, "a write");
                        Assert.True(n > 0 && n <= chunk, $"a {(socket ? "send" : "write")} of {chunk} returned {n}");
                        sent += n;
                    }
                    catch (ErrnoException e) when (e.Errno == Errno.EAGAIN)
                    {
                        // Non-blocking when the kernel looked, and full: the plain call's answer. Nothing was moved.
                        eagain++;
                        await Task.Yield();
                    }
                }

                await Hostile.Until(() => Volatile.Read(ref received) >= total || readerFault is not null, $"the reader got {total} bytes ({(socket ? "socket" : "pipe")}; it has {Volatile.Read(ref received)})");
                stop.Cancel();
                await Hostile.Within(flipper, ring, "the flipper");
                readerThread.Join();
                if (readerFault is not null || received != total || Sys.Pending(readFd) != 0)
                {
                    wrong.Add($"{(socket ? "socket" : "pipe")}: {readerFault} received {received} of {total}, {Sys.Pending(readFd)} more pending");
                }

                Sys.close(readFd);
                Sys.close(writeFd);
            }
        });

        Assert.True(wrong.Count == 0, string.Join("\n", wrong) + $" (EAGAIN {eagain} times)");
        Assert.Equal(0, ring.InFlightCount);
    }

    private const int Record = 512;

    private static byte[] RecordBytes(int id)
    {
        byte[] r = Sys.Pattern(Record, id + 1);
        r[0] = (byte)id;
        r[1] = (byte)(id >> 8);
        r[2] = 0xA5;
        return r;
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Writes_while_O_APPEND_is_toggled_land_each_exactly_once_at_their_offset_or_at_the_end(IoBackend backend, DeliveryMode mode)
    {
        int records = Hostile.Rounds(192, 4000);
        using IoRing ring = Hostile.Create(backend, mode);
        string positional = Path.Combine(AppContext.BaseDirectory, $"hostile5-append-{Guid.NewGuid():N}");
        string sequential = positional + "-seq";
        int posFd = Sys.Check(Sys.open(positional, Sys.O_RDWR | Sys.O_CREAT | Sys.O_CLOEXEC, 0x1B6), "open");
        int seqFd = Sys.Check(Sys.open(sequential, Sys.O_RDWR | Sys.O_CREAT | Sys.O_CLOEXEC, 0x1B6), "open");

        // Sized first: an appended record then lands past every record's own slot, never where a positional one goes.
        Sys.Check(Sys.ftruncate(posFd, (long)records * Record), "ftruncate");
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                using var stop = new CancellationTokenSource();
                Task flipper = Task.Run(() =>
                {
                    for (int n = 0; !stop.IsCancellationRequested; n++)
                    {
                        foreach (int fd in new[] { posFd, seqFd })
                        {
                            int flags = Sys.fcntl(fd, Sys.F_GETFL, 0);
                            Sys.fcntl(fd, Sys.F_SETFL, n % 2 == 0 ? flags | Sys.O_APPEND : flags & ~Sys.O_APPEND);
                        }

                        Thread.SpinWait(300);
                    }
                });

                // Four loops of positional writes (single and at-most, the latter retried for its rest) on one file.
                var loops = Enumerable.Range(0, 4).Select(loop => Task.Run(async () =>
                {
                    for (int id = loop; id < records; id += 4)
                    {
                        byte[] r = RecordBytes(id);
                        if (id % 3 == 0)
                        {
                            int n = await ring.WriteAtMostAsync(posFd, r, (long)id * Record);
                            Assert.Equal(Record, n);
                        }
                        else
                        {
                            await ring.WriteAsync(posFd, r, (long)id * Record);
                        }
                    }
                })).ToArray();

                // One loop at the current position on the other file: each write goes to the position or the end, which are the same here.
                for (int id = 0; id < records; id++)
                {
                    await ring.WriteAsync(seqFd, RecordBytes(id));
                }

                await Hostile.Within(Task.WhenAll(loops), ring, "the positional writers");
                stop.Cancel();
                await Hostile.Within(flipper, ring, "the flipper");
            });

            byte[] pos = File.ReadAllBytes(positional);
            Assert.True(pos.Length % Record == 0, $"the positional file is {pos.Length} bytes, not whole records");
            var seen = new int[records];
            for (int block = 0; block < pos.Length / Record; block++)
            {
                ReadOnlySpan<byte> b = pos.AsSpan(block * Record, Record);
                if (b.IndexOfAnyExcept((byte)0) < 0)
                {
                    continue;
                }

                int id = b[0] | (b[1] << 8);
                Assert.True(b[2] == 0xA5 && id < records && b.SequenceEqual(RecordBytes(id)), $"block {block} is no record (torn or doubled write)");
                seen[id]++;
            }

            Assert.True(seen.All(c => c == 1), "records not exactly once: " + string.Join(", ", seen.Select((c, i) => (c, i)).Where(x => x.c != 1).Take(10).Select(x => $"{x.i}x{x.c}")));

            byte[] seq = File.ReadAllBytes(sequential);
            Assert.Equal(records * Record, seq.Length);
            for (int id = 0; id < records; id++)
            {
                Assert.True(seq.AsSpan(id * Record, Record).SequenceEqual(RecordBytes(id)), $"current-position write {id} is not where it belongs");
            }
        }
        finally
        {
            Sys.close(posFd);
            Sys.close(seqFd);
            File.Delete(positional);
            File.Delete(sequential);
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_pipe_grown_while_a_write_waits_takes_the_write_and_one_shrunk_while_a_read_waits_still_delivers(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        var ledger = new Ledger();
        await Hostile.Run(ring, mode, async () =>
        {
            for (int round = 0; round < Hostile.Rounds(3, 30); round++)
            {
                using var pipe = new RawPipe();
                Assert.Equal(4096, Sys.Check(Sys.fcntl(pipe.Write, Sys.F_SETPIPE_SZ, 4096), "F_SETPIPE_SZ"));
                int filled = Sys.Fill(pipe.Write, seed: 7);
                byte[] more = Enumerable.Range(filled, 60000).Select(i => Sys.PatternByte(i, 7)).ToArray();
                string target = Sys.Target(pipe.Write)!;
                int links = Sys.CountTargets(target);
                var write = ledger.Track(async () =>
                {
                    await ring.WriteAsync(pipe.Write, more);
                    return more.Length;
                }, "write");
                await Round5.InBackendHands(ring, write, pipe.Write, target, links);

                // Room for all of it, and nobody reading: the plain write(2) would now complete.
                Assert.True(Sys.Check(Sys.fcntl(pipe.Write, Sys.F_SETPIPE_SZ, 1 << 20), "F_SETPIPE_SZ") >= filled + more.Length);
                var ending = await Hostile.Within(write, ring, $"round {round}: the write after the pipe grew");
                Assert.Equal(Ending.Result, ending.Ending);
                byte[] all = Sys.TakeAll(pipe.Read);
                Assert.Equal(filled + more.Length, all.Length);
                Assert.True(all.Select((v, i) => v == Sys.PatternByte(i, 7)).All(x => x), "the pipe's bytes are not the stream in order");

                // Shrunk while a read waits on the empty pipe: the read still gets what comes.
                target = Sys.Target(pipe.Read)!;
                links = Sys.CountTargets(target);
                var buffer = new byte[8];
                var read = ledger.Track(() => ring.ReadAsync(pipe.Read, buffer), "read");
                await Round5.InBackendHands(ring, read, pipe.Read, target, links);
                Sys.Check(Sys.fcntl(pipe.Write, Sys.F_SETPIPE_SZ, 4096), "F_SETPIPE_SZ");
                pipe.Put(9, 8, 7);
                var readEnding = await Hostile.Within(read, ring, $"round {round}: the read after the pipe shrank");
                Assert.Equal(Ending.Result, readEnding.Ending);
                Assert.True(readEnding.Value is >= 1 and <= 3);
                Assert.Equal(new byte[] { 9, 8, 7 }.Take(readEnding.Value), buffer.Take(readEnding.Value));
            }
        });

        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task O_NONBLOCK_set_while_a_read_or_recv_waits_still_delivers_the_byte_and_a_cancel_is_still_a_cancel(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        var ledger = new Ledger();
        var wrong = new List<string>();
        await Hostile.Run(ring, mode, async () =>
        {
            for (int round = 0; round < Hostile.Rounds(3, 30); round++)
            {
                foreach (bool socket in new[] { false, true })
                {
                    (int readFd, int writeFd) = socket ? Sys.SocketPair() : Sys.Pipe();
                    string target = Sys.Target(readFd)!;
                    int links = Sys.CountTargets(target);
                    var buffer = new byte[4];
                    var op = ledger.Track(() => socket ? ring.ReceiveAsync(readFd, buffer) : ring.ReadAsync(readFd, buffer), "waiting op");
                    await Round5.InBackendHands(ring, op, readFd, target, links);
                    Sys.SetNonBlocking(readFd, true);
                    await Task.Delay(2);
                    Sys.WriteAll(writeFd, new byte[] { 77 });
                    var ending = await Hostile.Within(op, ring, "the op after O_NONBLOCK was set");
                    if (ending.Ending != Ending.Result || ending.Value != 1 || buffer[0] != 77)
                    {
                        wrong.Add($"round {round} {(socket ? "recv" : "read")}: {Describe(ending)} {ending.Value} (the byte was there; nothing else reads)");
                    }

                    // Set while waiting, then cancelled: a cancel, and a byte written afterwards stays.
                    Sys.SetNonBlocking(readFd, false);
                    links = Sys.CountTargets(target);
                    using var cts = new CancellationTokenSource();
                    var cancelled = ledger.Track(() => socket ? ring.ReceiveAsync(readFd, buffer, MessageFlags.None, cts.Token) : ring.ReadAsync(readFd, buffer, cts.Token), "cancelled op");
                    await Round5.InBackendHands(ring, cancelled, readFd, target, links);
                    Sys.SetNonBlocking(readFd, true);
                    await Task.Delay(2);
                    cts.Cancel();
                    var cancelEnding = await Hostile.Within(cancelled, ring, "the cancelled op");
                    Sys.WriteAll(writeFd, new byte[] { 78 });
                    if (cancelEnding.Ending != Ending.Cancelled || Sys.Pending(readFd) != 1)
                    {
                        wrong.Add($"round {round} {(socket ? "recv" : "read")} cancelled: {Describe(cancelEnding)}, {Sys.Pending(readFd)} byte(s) left");
                    }

                    Sys.close(readFd);
                    Sys.close(writeFd);
                }
            }
        });

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        ledger.AssertEachEndedOnce();
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Reads_after_O_DIRECT_is_set_or_cleared_with_fcntl_get_what_a_plain_pread_gets_then(IoBackend backend, DeliveryMode mode)
    {
        const int O_DIRECT = 0x4000;
        using IoRing ring = Hostile.Create(backend, mode);
        string path = Path.Combine(AppContext.BaseDirectory, $"hostile5-direct-{Guid.NewGuid():N}");
        byte[] content = Sys.Pattern(64 * 1024, 3);
        File.WriteAllBytes(path, content);
        int fd = Sys.Check(Sys.open(path, Sys.O_RDONLY | Sys.O_CLOEXEC, 0), "open");
        using var memory = new MappedMemory(3 * 4096);
        var wrong = new List<string>();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                for (int round = 0; round < Hostile.Rounds(8, 200); round++)
                {
                    bool direct = round % 2 == 1;
                    int flags = Sys.fcntl(fd, Sys.F_GETFL, 0);
                    if (Sys.fcntl(fd, Sys.F_SETFL, direct ? flags | O_DIRECT : flags & ~O_DIRECT) < 0)
                    {
                        wrong.Add($"this file system refuses O_DIRECT: {Sys.LastErrno}");
                        return;
                    }

                    foreach (int misalign in new[] { 0, 1 })
                    {
                        long offset = 4096 * (1 + (round % 8));
                        Memory<byte> buffer = memory.Memory.Slice(4096 + misalign, 4096);
                        string plain;
                        unsafe
                        {
                            using var pin = buffer.Pin();
                            nint n = Sys.pread(fd, (byte*)pin.Pointer, 4096, offset);
                            plain = n >= 0 ? $"count {n}" : Sys.LastErrno;
                        }

                        buffer.Span.Clear();
                        string viaRing;
                        try
                        {
                            int n = await Hostile.Within(ring.ReadAsync(fd, buffer, offset).AsTask(), ring, "a read");
                            viaRing = $"count {n}";
                            if (n > 0 && !buffer.Span.Slice(0, n).SequenceEqual(content.AsSpan((int)offset, n)))
                            {
                                wrong.Add($"round {round} (O_DIRECT {direct}, misaligned {misalign}): the bytes are not the file's");
                            }
                        }
                        catch (ErrnoException e)
                        {
                            viaRing = e.ErrnoName;
                        }

                        // A short read is allowed (docs/reliability.md); an answer of another kind is not.
                        if (plain.StartsWith("count", StringComparison.Ordinal) != viaRing.StartsWith("count", StringComparison.Ordinal) || (!plain.StartsWith("count", StringComparison.Ordinal) && plain != viaRing))
                        {
                            wrong.Add($"round {round} (O_DIRECT {direct}, misaligned {misalign}): pread gave {plain}, the ring {viaRing}");
                        }
                    }
                }
            });
        }
        finally
        {
            Sys.close(fd);
            File.Delete(path);
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
