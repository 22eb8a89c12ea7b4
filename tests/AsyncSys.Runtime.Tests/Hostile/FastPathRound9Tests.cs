using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// The fast paths under attack (docs/performance.md "Try first, then ring", "Loops take turns"; docs/quiesce.md;
/// docs/cancellation.md): the attempt on the caller against a file rewritten under it, a partly cached range, status
/// flags flipped between calls, a peer that dribbles and half-closes, a descriptor number given to another file
/// between calls, tokens cancelled around the attempt; and slot-less completions of 32 loops against a quiesce,
/// CancelAll, listings and Dispose, with the metrics adding up exactly.
/// </summary>
public sealed class FastPathRound9Tests
{
    private const int MaxSize = 256 * 1024;

    /// <summary>A file on a disk-backed file system (eviction is real there), synced; the caller deletes it.</summary>
    private static (string Path, byte[] Content) DiskFile(int size, int seed)
    {
        string path = System.IO.Path.Combine(AppContext.BaseDirectory, $"hostile9-{Guid.NewGuid():N}");
        byte[] content = Sys.Pattern(size, seed);
        System.IO.File.WriteAllBytes(path, content);
        using SafeFileHandle h = System.IO.File.OpenHandle(path, System.IO.FileMode.Open, System.IO.FileAccess.ReadWrite);
        Sys.Check(Sys.fsync((int)h.DangerousGetHandle()), "fsync");
        return (path, content);
    }

    private static int OpenRw(string path, int extra = 0) => Sys.Check(Sys.open(path, Sys.O_RDWR | Sys.O_CLOEXEC | extra, 0), "open");

    private static byte Versioned(long offset, int version) => Sys.PatternByte(offset, version * 17);

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Reads_racing_truncation_extension_and_rewrites_return_only_bytes_the_file_had_and_then_exactly_a_plain_pread(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        (string path, _) = DiskFile(MaxSize, 1 * 17);
        int fd = OpenRw(path);
        int versions = 1;
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                using var stop = new CancellationTokenSource();
                Task writer = Task.Run(() =>
                {
                    var random = new Random(9);
                    while (!stop.IsCancellationRequested)
                    {
                        int version = Interlocked.Increment(ref versions);
                        int a = random.Next(MaxSize), b = Math.Min(MaxSize, a + random.Next(1, 64 * 1024));
                        switch (random.Next(3))
                        {
                            case 0:
                                Sys.Check(Sys.ftruncate(fd, random.Next(MaxSize)), "ftruncate");
                                break;
                            default:
                                // A rewrite inside the file, or an extension past its end (the gap reads as zeros).
                                byte[] bytes = Enumerable.Range(a, b - a).Select(o => Versioned(o, version)).ToArray();
                                unsafe
                                {
                                    fixed (byte* p = bytes)
                                    {
                                        Sys.Check((int)Sys.pwrite(fd, p, (nuint)bytes.Length, a), "pwrite");
                                    }
                                }

                                break;
                        }

                        Thread.Yield();
                    }
                });

                int rounds = Hostile.Rounds(200, 5000);
                var readers = Enumerable.Range(0, 4).Select(reader => Task.Run(async () =>
                {
                    var random = new Random(reader);
                    var buffer = new byte[16 * 1024];
                    for (int i = 0; i < rounds; i++)
                    {
                        long offset = random.Next(MaxSize / 512) * 512L;
                        int n = (i % 3) switch
                        {
                            0 => await Hostile.Within(ring.ReadAsync(fd, buffer, offset).AsTask(), ring, "a read"),
                            1 => await Hostile.Within(ring.ReadAsync(fd, new Memory<byte>[] { buffer.AsMemory(0, 5000), buffer.AsMemory(5000) }, offset).AsTask(), ring, "a vectored read"),
                            _ => await Hostile.Within(ring.SubmitAsync(RingRequest.Read(fd, buffer, offset).WithoutImmediateAttempt()).AsTask(), ring, "a read without the attempt"),
                        };
                        Assert.True(n >= 0 && n <= buffer.Length, $"a read of {buffer.Length} at {offset} returned {n}");
                        int known = Volatile.Read(ref versions);
                        for (int j = 0; j < n; j++)
                        {
                            byte got = buffer[j];
                            if (got == 0)
                            {
                                continue;
                            }

                            bool fits = false;
                            for (int v = 1; v <= known && !fits; v++)
                            {
                                fits = got == Versioned(offset + j, v);
                            }

                            Assert.True(fits, $"read at {offset} (count {n}) returned byte {got} at {offset + j}, which no version of the file had there");
                        }
                    }
                })).ToArray();

                await Hostile.Within(Task.WhenAll(readers), ring, "the readers");
                stop.Cancel();
                await Hostile.Within(writer, ring, "the writer");

                // Once nothing changes the file, the ring gives exactly what a plain pread gives, by every path.
                byte[] now = Sys.ReadWhole(fd, MaxSize + 1);
                foreach (long offset in new long[] { 0, 512, 4096, now.Length / 2, Math.Max(0, now.Length - 100), now.Length, now.Length + 4096 })
                {
                    int expected = (int)Math.Max(0, Math.Min(16 * 1024, now.Length - offset));
                    var single = new byte[16 * 1024];
                    var vectored = new byte[16 * 1024];
                    int a = await ring.ReadAsync(fd, single, offset);
                    int b = await ring.ReadAsync(fd, new Memory<byte>[] { vectored.AsMemory(0, 3000), vectored.AsMemory(3000) }, offset);
                    Assert.Equal(expected, a);
                    Assert.Equal(expected, b);
                    Assert.True(single.AsSpan(0, a).SequenceEqual(now.AsSpan((int)Math.Min(offset, now.Length), a)), $"single read at {offset}");
                    Assert.True(vectored.AsSpan(0, b).SequenceEqual(now.AsSpan((int)Math.Min(offset, now.Length), b)), $"vectored read at {offset}");
                }
            });
        }
        finally
        {
            Sys.close(fd);
            System.IO.File.Delete(path);
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_range_whose_first_half_is_cached_and_second_half_evicted_is_read_back_exactly_and_whole(IoBackend backend, DeliveryMode mode)
    {
        const int size = 4 * 1024 * 1024, range = 1024 * 1024;
        using IoRing ring = Hostile.Create(backend, mode);
        (string path, byte[] content) = DiskFile(size, 91);
        int fd = OpenRw(path);
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                for (int round = 0; round < Hostile.Rounds(9, 90); round++)
                {
                    long offset = (round % 3) * range + (round % 2) * 4096;
                    // First half cached (a plain read), second half dropped from the page cache.
                    Sys.PRead(fd, range / 2, offset);
                    Sys.Check(Sys.posix_fadvise(fd, offset + range / 2, range / 2, Sys.POSIX_FADV_DONTNEED), "posix_fadvise");
                    var buffer = new byte[range];
                    int n;
                    string how;
                    switch (round % 3)
                    {
                        case 0:
                            how = "single";
                            n = await Hostile.Within(ring.ReadAsync(fd, buffer, offset).AsTask(), ring, "a read");
                            break;
                        case 1:
                            how = "vectored";
                            n = await Hostile.Within(ring.ReadAsync(fd, new Memory<byte>[] { buffer.AsMemory(0, range / 2 - 100), buffer.AsMemory(range / 2 - 100, 200), buffer.AsMemory(range / 2 + 100) }, offset).AsTask(), ring, "a vectored read");
                            break;
                        default:
                            how = "exact";
                            using (var handle = new SafeFileHandle(fd, ownsHandle: false))
                            {
                                await Hostile.Within(ring.ReadExactlyAsync(handle, buffer, offset).AsTask(), ring, "an exact read");
                            }

                            n = range;
                            break;
                    }

                    // The file does not change and the whole range exists: a plain pread returns all of it, so does the ring.
                    Assert.True(n == range, $"{how} read of a partly cached range at {offset} returned {n} of {range}");
                    Assert.True(buffer.AsSpan().SequenceEqual(content.AsSpan((int)offset, range)), $"{how} read at {offset}: bytes differ from the file's");
                }
            });
        }
        finally
        {
            Sys.close(fd);
            System.IO.File.Delete(path);
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task O_APPEND_set_and_cleared_with_fcntl_between_writes_never_appends_a_write_twice(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var file = new TempFile();
        int fd = OpenRw(file.Path);
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                var model = new List<byte>();
                var random = new Random(17);
                int[] sizes = { 1, 100, 4096, 65536, 300_000 };
                for (int step = 0; step < Hostile.Rounds(60, 600); step++)
                {
                    // The first writes run without O_APPEND, so the descriptor is known as one whose writes are tried.
                    bool append = step >= 8 && random.Next(2) == 0;
                    Sys.SetStatusFlag(fd, Sys.O_APPEND, append);
                    byte[] data = Sys.Pattern(sizes[random.Next(sizes.Length)], step + 1);
                    long offset = random.Next(model.Count + 1);
                    switch (step % 3)
                    {
                        case 0:
                            await Hostile.Within(ring.WriteAsync(fd, data, offset).AsTask(), ring, "a write");
                            break;
                        case 1:
                            await Hostile.Within(ring.WriteAsync(fd, new ReadOnlyMemory<byte>[] { data.AsMemory(0, data.Length / 2), data.AsMemory(data.Length / 2) }, offset).AsTask(), ring, "a vectored write");
                            break;
                        default:
                            int written = 0;
                            while (written < data.Length)
                            {
                                // Linux ignores the offset of an O_APPEND descriptor: each part lands at the end.
                                written += await Hostile.Within(ring.WriteAtMostAsync(fd, data.AsMemory(written), offset + written).AsTask(), ring, "a write at most");
                            }

                            break;
                    }

                    if (append)
                    {
                        model.AddRange(data);
                    }
                    else
                    {
                        for (int i = 0; i < data.Length; i++)
                        {
                            if (offset + i < model.Count)
                            {
                                model[(int)offset + i] = data[i];
                            }
                            else
                            {
                                model.Add(data[i]);
                            }
                        }
                    }

                    byte[] now = Sys.ReadWhole(fd, model.Count + 1);
                    Assert.True(now.Length == model.Count, $"step {step} ({(append ? "O_APPEND" : "positional")}, {data.Length} bytes at {offset}): the file has {now.Length} bytes, {model.Count} expected");
                    Assert.True(now.AsSpan().SequenceEqual(model.ToArray()), $"step {step} ({(append ? "O_APPEND" : "positional")}, {data.Length} bytes at {offset}): the file's bytes differ");
                }
            });
        }
        finally
        {
            Sys.close(fd);
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Writes_after_O_DIRECT_is_set_or_cleared_on_a_descriptor_already_known_get_what_a_plain_pwrite_gets(IoBackend backend, DeliveryMode mode)
    {
        const int O_DIRECT = 0x4000;
        using IoRing ring = Hostile.Create(backend, mode);
        (string path, _) = DiskFile(64 * 1024, 8);
        int fd = OpenRw(path);
        int check = OpenRw(path);
        using var memory = new MappedMemory(3 * 4096);
        var wrong = new List<string>();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                // Known first as a plain buffered descriptor whose writes are tried.
                for (int i = 0; i < 8; i++)
                {
                    await ring.WriteAsync(fd, Sys.Pattern(4096, 200 + i), 4096L * i);
                }

                for (int round = 0; round < Hostile.Rounds(12, 200); round++)
                {
                    bool direct = round % 2 == 0;
                    try
                    {
                        Sys.SetStatusFlag(fd, O_DIRECT, direct);
                    }
                    catch (InvalidOperationException e)
                    {
                        wrong.Add($"this file system refuses O_DIRECT: {e.Message}");
                        return;
                    }

                    foreach (int misalign in new[] { 0, 1 })
                    {
                        long offset = 4096L * (round % 12);
                        Memory<byte> buffer = memory.Memory.Slice(4096 + misalign, 4096);
                        string plain;
                        Sys.Pattern(4096, 1000 + round).CopyTo(buffer);
                        unsafe
                        {
                            using var pin = buffer.Pin();
                            nint n = Sys.pwrite(fd, (byte*)pin.Pointer, 4096, offset);
                            plain = n >= 0 ? $"count {n}" : Sys.LastErrno;
                        }

                        byte[] mine = Sys.Pattern(4096, 2000 + round * 2 + misalign);
                        mine.CopyTo(buffer);
                        string viaRing;
                        try
                        {
                            int n = await Hostile.Within(ring.WriteAtMostAsync(fd, buffer, offset).AsTask(), ring, "a write");
                            viaRing = $"count {n}";
                            byte[] now = Sys.PRead(check, n, offset);
                            if (!now.AsSpan().SequenceEqual(mine.AsSpan(0, n)))
                            {
                                wrong.Add($"round {round} (O_DIRECT {direct}, misaligned {misalign}): the file does not hold the {n} bytes written");
                            }
                        }
                        catch (ErrnoException e)
                        {
                            viaRing = e.ErrnoName;
                        }

                        if (plain.StartsWith("count", StringComparison.Ordinal) != viaRing.StartsWith("count", StringComparison.Ordinal) || (!plain.StartsWith("count", StringComparison.Ordinal) && plain != viaRing))
                        {
                            wrong.Add($"round {round} (O_DIRECT {direct}, misaligned {misalign}): pwrite gave {plain}, the ring {viaRing}");
                        }
                    }
                }
            });
        }
        finally
        {
            Sys.close(fd);
            Sys.close(check);
            System.IO.File.Delete(path);
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_peer_that_sends_one_byte_at_a_time_then_half_closes_gives_the_whole_stream_then_zero(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        int total = Hostile.Rounds(1500, 30000);
        (int ua, int ub) = Sys.SocketPair();
        (Socket client, Socket server) = Sys.TcpPair();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                foreach ((int reader, int writer, string what) in new[] { (ua, ub, "unix"), ((int)server.Handle, (int)client.Handle, "tcp") })
                {
                    Task dribble = Task.Run(() =>
                    {
                        var random = new Random(total);
                        for (int i = 0; i < total; i++)
                        {
                            Sys.WriteAll(writer, new[] { Sys.PatternByte(i, 3) });
                            if (random.Next(4) == 0)
                            {
                                Thread.Yield();
                            }
                        }

                        Sys.Check(Sys.shutdown(writer, Sys.SHUT_WR), "shutdown");
                    });

                    int got = 0;
                    var buffer = new byte[64];
                    while (true)
                    {
                        int n = await Hostile.Within(ring.ReceiveAsync(reader, buffer).AsTask(), ring, $"a {what} recv after {got} bytes");
                        if (n == 0)
                        {
                            break;
                        }

                        for (int j = 0; j < n; j++)
                        {
                            Assert.True(buffer[j] == Sys.PatternByte(got + j, 3), $"{what}: byte {got + j} is {buffer[j]} (lost, repeated or reordered)");
                        }

                        got += n;
                    }

                    Assert.Equal(total, got);
                    Assert.Equal(0, await Hostile.Within(ring.ReceiveAsync(reader, buffer).AsTask(), ring, "a recv after end of stream"));
                    await dribble;

                    // The other direction still works.
                    await ring.SendAsync(reader, new byte[] { 42 });
                    await Hostile.Until(() => Sys.Pending(writer) == 1, $"{what}: the byte sent back arrives");
                    Assert.Equal(new byte[] { 42 }, Sys.TakeAll(writer));
                }
            });
        }
        finally
        {
            Sys.close(ua);
            Sys.close(ub);
            client.Dispose();
            server.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_descriptor_number_given_to_another_file_between_calls_gets_that_files_answer(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        (string path, byte[] content) = DiskFile(64 * 1024, 5);
        using var appended = new TempFile();
        using var idle = new RawPipe();
        using var second = new RawPipe();
        (int sa, int sb) = Sys.SocketPair();
        int file = OpenRw(path);
        int plain = OpenRw(appended.Path);
        int appendFd = OpenRw(appended.Path, Sys.O_APPEND);
        // Numbers the test owns: the idle pipe's read end and a duplicate of the plain file, each given another file with dup3.
        int n = idle.Read;
        int m = Sys.Check(Sys.dup(plain), "dup");
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                // 1. n is an idle pipe whose reads always meet EAGAIN first (the attempt backs off on it).
                for (int i = 0; i < 40; i++)
                {
                    ValueTask<int> read = ring.ReadAsync(n, new byte[1]);
                    Assert.False(read.IsCompleted, "a read of an idle pipe ended before its byte was written");
                    idle.Put((byte)i);
                    Assert.Equal(1, await Hostile.Within(read.AsTask(), ring, "a pipe read"));
                }

                // 2. n becomes a regular file: every read is that file's bytes at once.
                Sys.Check(Sys.dup3(file, n, Sys.O_CLOEXEC), "dup3(file)");
                for (int i = 0; i < 20; i++)
                {
                    var buffer = new byte[4096];
                    int offset = i * 3000;
                    int got = await Hostile.Within(ring.ReadAsync(n, buffer, offset).AsTask(), ring, "a read of the file at the reused number");
                    Assert.Equal(Math.Min(4096, content.Length - offset), got);
                    Assert.True(buffer.AsSpan(0, got).SequenceEqual(content.AsSpan(offset, got)), $"read {i} of the file at {n} returned other bytes");
                }

                // 3. n becomes an empty blocking pipe again: a read waits for its byte (never EAGAIN, never 0).
                Sys.Check(Sys.dup3(second.Read, n, Sys.O_CLOEXEC), "dup3(pipe)");
                for (int i = 0; i < 4; i++)
                {
                    var one = new byte[1];
                    ValueTask<int> read = ring.ReadAsync(n, one);
                    Assert.False(read.IsCompleted, "a read of the empty pipe now at the number ended before its byte was written");
                    second.Put((byte)(100 + i));
                    Assert.Equal(1, await Hostile.Within(read.AsTask(), ring, "a read of the pipe at the reused number"));
                    Assert.Equal(100 + i, one[0]);
                }

                // 4. n becomes an idle socket: a recv waits for its byte.
                Sys.Check(Sys.dup3(sa, n, Sys.O_CLOEXEC), "dup3(socket)");
                ValueTask<int> recv = ring.ReceiveAsync(n, new byte[8]);
                Assert.False(recv.IsCompleted, "a recv of the idle socket now at the number ended before its byte was written");
                Sys.WriteAll(sb, new byte[] { 1, 2, 3 });
                Assert.Equal(3, await Hostile.Within(recv.AsTask(), ring, "a recv at the reused number"));

                // 5. m: positional writes to a plain file (tried), then m becomes an O_APPEND descriptor of the same file:
                // each write lands at the end exactly once.
                var model = new List<byte>();
                for (int i = 0; i < 10; i++)
                {
                    byte[] data = Sys.Pattern(1000, 40 + i);
                    await ring.WriteAsync(m, data, model.Count);
                    model.AddRange(data);
                }

                Sys.Check(Sys.dup3(appendFd, m, Sys.O_CLOEXEC), "dup3(O_APPEND)");
                foreach (int size in new[] { 10, 4096, 300_000, 1_000_000 })
                {
                    byte[] data = Sys.Pattern(size, size);
                    await Hostile.Within(ring.WriteAsync(m, data, 0).AsTask(), ring, "a write to the O_APPEND descriptor at the reused number");
                    model.AddRange(data);
                    byte[] now = Sys.ReadWhole(plain, model.Count + 1);
                    Assert.True(now.Length == model.Count && now.AsSpan().SequenceEqual(model.ToArray()), $"after an O_APPEND write of {size} bytes the file has {now.Length} bytes, {model.Count} expected (or other bytes)");
                }
            });
        }
        finally
        {
            Sys.close(m);
            Sys.close(file);
            Sys.close(plain);
            Sys.close(appendFd);
            Sys.close(sa);
            Sys.close(sb);
            System.IO.File.Delete(path);
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_token_cancelled_before_or_around_the_attempt_never_runs_it_and_a_result_always_has_its_side_effect(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var pipe = new RawPipe();
        (int a, int b) = Sys.SocketPair();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                string[] kinds = { "pipe write", "pipe read", "send", "recv" };
                int rounds = Hostile.Rounds(150, 3000);
                var random = new Random(99);
                int results = 0, cancelled = 0;
                for (int round = 0; round < rounds; round++)
                {
                    foreach (string kind in kinds)
                    {
                        bool reads = kind is "pipe read" or "recv";
                        int watched = kind switch { "pipe write" or "pipe read" => pipe.Read, _ => b };
                        if (kind == "recv")
                        {
                            watched = a;
                        }

                        // A read finds one byte waiting; a write finds room.
                        if (reads)
                        {
                            Sys.WriteAll(kind == "pipe read" ? pipe.Write : b, new byte[] { 7 });
                        }

                        int before = Sys.Pending(watched);
                        using var cts = new CancellationTokenSource();
                        bool early = round % 3 == 0;
                        if (early)
                        {
                            cts.Cancel();
                        }

                        Task canceller = early ? Task.CompletedTask : Task.Run(() =>
                        {
                            Thread.SpinWait(random.Next(0, 2000));
                            cts.Cancel();
                        });
                        Func<ValueTask<int>> call = kind switch
                        {
                            "pipe write" => () => ring.WriteAtMostAsync(pipe.Write, new byte[] { 9 }, cts.Token),
                            "pipe read" => () => ring.ReadAsync(pipe.Read, new byte[1], cts.Token),
                            "send" => () => ring.SendAsync(a, new byte[] { 9 }, MessageFlags.None, cts.Token),
                            _ => () => ring.ReceiveAsync(a, new byte[1], MessageFlags.None, cts.Token),
                        };
                        int value = -1;
                        bool wasCancelled = false;
                        try
                        {
                            // Called where the mode puts user code (the ring context's thread too); a token cancelled
                            // before the call must give a cancelled task, not a throw.
                            value = await Hostile.Within(call().AsTask(), ring, kind);
                        }
                        catch (OperationCanceledException)
                        {
                            wasCancelled = true;
                        }

                        await canceller;
                        int after = Sys.Pending(watched);
                        if (wasCancelled)
                        {
                            cancelled++;
                            Assert.True(after == before, $"round {round}: a {kind} ended cancelled ({(early ? "token cancelled before the call" : "racing")}) but the {(reads ? "byte was taken" : "byte was written")}: {before} -> {after}");
                        }
                        else
                        {
                            results++;
                            Assert.False(early, $"round {round}: a {kind} with a token cancelled before the call returned {value}");
                            Assert.Equal(1, value);
                            Assert.True(after == (reads ? before - 1 : before + 1), $"round {round}: a {kind} returned 1 but the stream went {before} -> {after}");
                        }

                        // Leave the streams empty for the next round.
                        Sys.TakeAll(pipe.Read);
                        Sys.TakeAll(a);
                        Sys.TakeAll(b);
                    }
                }

                Assert.True(cancelled > 0 && results > 0, $"cancelled {cancelled}, results {results}");
            });
        }
        finally
        {
            Sys.close(a);
            Sys.close(b);
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Quiesce_CancelAll_listings_and_Dispose_while_32_loops_of_page_cache_hits_run_and_the_metrics_add_up(IoBackend backend, DeliveryMode mode)
    {
        using var file = new TempFile();
        byte[] content = Sys.Pattern(1024 * 1024, 12);
        System.IO.File.WriteAllBytes(file.Path, content);
        int fd = OpenRw(file.Path);
        try
        {
            Sys.ReadWhole(fd, content.Length);
            await LoopsAgainstQuiesceCancelAllAndDispose(
                backend,
                mode,
                (ring, index, i, buffer) =>
                {
                    long offset = ((index * 7 + i) % 256) * 4096L;
                    return (() => ring.ReadAsync(fd, buffer, offset), value => value == 4096 && buffer.AsSpan().SequenceEqual(content.AsSpan((int)offset, 4096)));
                },
                expectImmediate: mode == DeliveryMode.PoolTryFirst);
        }
        finally
        {
            Sys.close(fd);
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task The_same_on_a_set_of_two_rings_with_short_calls_beside_the_reads(IoBackend backend, DeliveryMode mode)
    {
        using var file = new TempFile();
        byte[] content = Sys.Pattern(1024 * 1024, 13);
        System.IO.File.WriteAllBytes(file.Path, content);
        int fd = OpenRw(file.Path);
        int zero = Sys.OpenZero();
        BlockingCall<ZeroRead> hooked = static (ref ZeroRead r) => ReadZero(ref r);
        try
        {
            Sys.ReadWhole(fd, content.Length);
            await LoopsAgainstQuiesceCancelAllAndDispose(
                backend,
                mode,
                (ring, index, i, buffer) =>
                {
                    if (index % 4 == 3)
                    {
                        return (async () => (int)(await ring.RunBlockingAsync(new ZeroRead { Fd = zero }, hooked, static c => c.InterruptWorker())).ThrowIfFailed("read"), value => value == 1);
                    }

                    long offset = ((index * 7 + i) % 256) * 4096L;
                    return (() => ring.ReadAsync(fd, buffer, offset), value => value == 4096 && buffer.AsSpan().SequenceEqual(content.AsSpan((int)offset, 4096)));
                },
                expectImmediate: false,
                rings: 2);
        }
        finally
        {
            Sys.close(fd);
            Sys.close(zero);
        }
    }

    public struct ZeroRead
    {
        public int Fd;
    }

    private static unsafe long ReadZero(ref ZeroRead r)
    {
        byte b = 1;
        long n = Sys.read(r.Fd, &b, 1);
        return n == 1 && b != 0 ? -Errno.EIO : n;
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Quiesce_CancelAll_listings_and_Dispose_while_32_loops_of_trusted_short_blocking_calls_run_and_the_metrics_add_up(IoBackend backend, DeliveryMode mode)
    {
        int zero = Sys.OpenZero();
        BlockingCall<ZeroRead> unhooked = static (ref ZeroRead r) => ReadZero(ref r);
        BlockingCall<ZeroRead> hooked = static (ref ZeroRead r) => ReadZero(ref r);
        try
        {
            await LoopsAgainstQuiesceCancelAllAndDispose(
                backend,
                mode,
                (ring, index, i, buffer) => (
                    async () => (int)(await ring.RunBlockingAsync(new ZeroRead { Fd = zero }, index % 2 == 0 ? unhooked : hooked, index % 2 == 0 ? null : static c => c.InterruptWorker())).ThrowIfFailed("read"),
                    value => value == 1),
                expectImmediate: false);
        }
        finally
        {
            Sys.close(zero);
        }
    }

    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    [InlineData(IoBackend.Workers)]
    public async Task Many_loops_of_page_cache_hits_and_short_calls_never_starve_a_pool_capped_low(IoBackend backend)
    {
        var run = await Child.Run($"r9:capped-loops:{backend}", 120);
        Child.AssertPassed(run, $"loops on a capped pool, {backend}");
    }

    /// <summary>
    /// The child: the .NET pool capped at the threads it started (2), then per mode 32 loops of page-cache reads and 8
    /// loops of a trusted short blocking call (half with a hook), each a fixed number of rounds: every loop ends with its
    /// bytes (a loop that keeps its thread for itself would keep the others from ever running on a capped pool).
    /// </summary>
    internal static int CappedLoopsChild(IoBackend backend)
    {
        Round5.PreparePool(2);
        Console.WriteLine($"info: pool capped at {ThreadPool.ThreadCount} threads");
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"hostile9-capped-{Guid.NewGuid():N}");
        byte[] content = Sys.Pattern(256 * 1024, 21);
        System.IO.File.WriteAllBytes(path, content);
        int fd = Sys.Check(Sys.open(path, Sys.O_RDONLY | Sys.O_CLOEXEC, 0), "open");
        int zero = Sys.OpenZero();
        BlockingCall<ZeroRead> unhooked = static (ref ZeroRead r) => ReadZero(ref r);
        BlockingCall<ZeroRead> hooked = static (ref ZeroRead r) => ReadZero(ref r);
        try
        {
            Sys.ReadWhole(fd, content.Length);
            foreach (DeliveryMode mode in Enum.GetValues<DeliveryMode>())
            {
                using IoRing ring = Hostile.Create(backend, mode);
                int rounds = 400;
                var done = new int[40];
                int wrong = 0;
                Func<int, Func<Task>> loop = index => async () =>
                {
                    var buffer = new byte[4096];
                    for (int i = 0; i < rounds; i++)
                    {
                        if (index < 32)
                        {
                            long offset = ((index + i) % 64) * 4096L;
                            int n = await ring.ReadAsync(fd, buffer, offset);
                            if (n != 4096 || !buffer.AsSpan().SequenceEqual(content.AsSpan((int)offset, 4096)))
                            {
                                Interlocked.Increment(ref wrong);
                            }
                        }
                        else
                        {
                            BlockingResult<ZeroRead> r = await ring.RunBlockingAsync(new ZeroRead { Fd = zero }, index % 2 == 0 ? unhooked : hooked, index % 2 == 0 ? null : static c => c.InterruptWorker());
                            if (r.Value != 1)
                            {
                                Interlocked.Increment(ref wrong);
                            }
                        }

                        done[index]++;
                    }
                };
                Task all = Task.WhenAll(Enumerable.Range(0, 40).Select(index => mode == DeliveryMode.RingContext ? ring.RunOnRingAsync(loop(index)) : Task.Run(loop(index))));
                bool ended = all.Wait(TimeSpan.FromSeconds(60));
                Child.Expect(ended, $"{backend} {mode}: every loop ended on the capped pool (rounds done: {string.Join(",", done)})");
                if (!ended)
                {
                    return 1;
                }

                Child.Expect(wrong == 0 && done.All(d => d == rounds), $"{backend} {mode}: every round had its bytes ({wrong} wrong)");
            }
        }
        finally
        {
            Sys.close(fd);
            Sys.close(zero);
            System.IO.File.Delete(path);
        }

        Console.WriteLine("DONE");
        return 0;
    }

    private static readonly AsyncLocal<string?> Flowed = new();

    [Theory]
    [MemberData(nameof(ExecutionContextRound7Tests.OffRingModes), MemberType = typeof(ExecutionContextRound7Tests))]
    public async Task Loops_of_immediate_completions_that_take_turns_keep_their_scheduler_context_and_AsyncLocal_values(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var file = new TempFile();
        byte[] content = Sys.Pattern(256 * 1024, 31);
        System.IO.File.WriteAllBytes(file.Path, content);
        int fd = OpenRw(file.Path);
        int zero = Sys.OpenZero();
        BlockingCall<ZeroRead> site = static (ref ZeroRead r) => ReadZero(ref r);
        using var stop = new CancellationTokenSource();
        long mostWaiting = 0;
        // Other pool work always waiting: the condition under which a loop of immediate completions yields its turn.
        // About 100 items, never more: a yielded turn resumes from the back of the pool's queue, so it waits for all
        // of them. An earlier version only yielded its CPU (Thread.Sleep(0)) above 100, which returns at once when
        // the other core is free, so the queue grew without bound on a busy machine and a loop's turn came after
        // seconds (two reads listed Queued for 11-12 s: taken, and waiting behind the flood), then not within 30 s.
        var load = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                long waiting = ThreadPool.PendingWorkItemCount;
                mostWaiting = Math.Max(mostWaiting, waiting);
                if (waiting > 100)
                {
                    Thread.Sleep(1);
                    continue;
                }

                ThreadPool.UnsafeQueueUserWorkItem(_ => Thread.SpinWait(100), null);
            }
        }) { IsBackground = true };
        load.Start();
        try
        {
            Sys.ReadWhole(fd, content.Length);
            var pair = new ConcurrentExclusiveSchedulerPair();
            // Not disposed when a loop hangs: a later post to a disposed context would end the test host (seen).
            var context = new ExecutionContextRound7Tests.OneThreadContext();
            int rounds = Hostile.Rounds(200, 5000);
            async Task<string?> Loop(Func<string?> where)
            {
                Flowed.Value = "mine";
                var buffer = new byte[4096];
                for (int i = 0; i < rounds; i++)
                {
                    string what;
                    if (i % 3 == 2)
                    {
                        what = "a short blocking call";
                        Assert.Equal(1, (await ring.RunBlockingAsync(new ZeroRead { Fd = zero }, site)).ThrowIfFailed("read"));
                    }
                    else
                    {
                        what = "a page-cache read";
                        long offset = (i % 64) * 4096L;
                        Assert.Equal(4096, await ring.ReadAsync(fd, buffer, offset));
                        Assert.True(buffer.AsSpan().SequenceEqual(content.AsSpan((int)offset, 4096)));
                    }

                    string? wrong = where();
                    if (wrong is not null || Flowed.Value != "mine")
                    {
                        return $"after {what} {i}: {wrong ?? "the AsyncLocal value is " + (Flowed.Value ?? "null")}";
                    }
                }

                return null;
            }

            Task<string?> exclusive = Task.Factory.StartNew(
                () => Loop(() => TaskScheduler.Current == pair.ExclusiveScheduler ? null : $"the scheduler is {TaskScheduler.Current}"),
                CancellationToken.None,
                TaskCreationOptions.None,
                pair.ExclusiveScheduler).Unwrap();
            Task<string?> onContext = context.Run(() => Loop(() =>
                Thread.CurrentThread == context.Thread && SynchronizationContext.Current == context ? null : $"on thread {Thread.CurrentThread.Name ?? Environment.CurrentManagedThreadId.ToString()} with context {SynchronizationContext.Current?.GetType().Name ?? "none"}"));
            try
            {
                Assert.Null(await Hostile.Within(exclusive, ring, "the loop under the exclusive scheduler"));
                Assert.Null(await Hostile.Within(onContext, ring, "the loop on the one-thread context"));
            }
            catch (Xunit.Sdk.XunitException failed)
            {
                // How long the pool's queue grew says whether a late turn was the load's doing.
                throw new Xunit.Sdk.XunitException($"{failed.Message}\nAt most {Volatile.Read(ref mostWaiting)} pool work items waited at once.");
            }
            pair.Complete();
            context.Dispose();
        }
        finally
        {
            stop.Cancel();
            load.Join();
            Sys.close(fd);
            Sys.close(zero);
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task No_write_reaches_a_pipe_after_a_quiesce_or_Dispose_returned_and_every_byte_written_is_one_reported(IoBackend backend, DeliveryMode mode)
    {
        IoRing ring = Hostile.Create(backend, mode);
        var pipes = Enumerable.Range(0, 16).Select(_ => new RawPipe()).ToArray();
        long drained = 0, reported = 0;
        var ledger = new Ledger();
        using var stop = new CancellationTokenSource();
        // Takes what the pipes hold (never waits), so writers always find room; counts every byte that reached a pipe.
        var drainer = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (RawPipe pipe in pipes)
                {
                    if (pipe.Pending > 32 * 1024)
                    {
                        lock (pipes)
                        {
                            Interlocked.Add(ref drained, Sys.Take(pipe.Read, 64 * 1024).Length);
                        }
                    }
                }

                Thread.Yield();
            }
        }) { IsBackground = true };
        long Total()
        {
            lock (pipes)
            {
                return Interlocked.Read(ref drained) + pipes.Sum(p => (long)p.Pending);
            }
        }

        drainer.Start();
        var wrong = new List<string>();
        try
        {
            Task[] loops = Enumerable.Range(0, pipes.Length).Select(index =>
            {
                Func<Task> body = async () =>
                {
                    var one = new byte[] { (byte)index };
                    while (true)
                    {
                        (Ending ending, int value, _) = await ledger.Track(() => ring.WriteAtMostAsync(pipes[index].Write, one), "write");
                        if (ending == Ending.Disposed)
                        {
                            return;
                        }

                        if (ending == Ending.Result)
                        {
                            Interlocked.Add(ref reported, value);
                        }
                    }
                };
                return mode == DeliveryMode.RingContext ? ring.RunOnRingAsync(body) : Task.Run(body);
            }).ToArray();

            for (int round = 0; round < Hostile.Rounds(6, 60); round++)
            {
                await Task.Delay(5);
                ring.CancelAll();
                QuiesceResult quiesce = await Hostile.Within(ring.QuiesceAsync(Hostile.Bound).AsTask(), ring, "a quiesce");
                long atReturn = Total();
                await Task.Delay(20);
                if (Total() != atReturn)
                {
                    wrong.Add($"round {round}: {Total() - atReturn} byte(s) reached the pipes after the quiesce returned (drained {quiesce.Drained})");
                }

                await quiesce.DisposeAsync();
            }

            await Task.Delay(5);
            await Task.Run(ring.Dispose);
            long afterDispose = Total();
            await Hostile.Within(Task.WhenAll(loops), ring, "the loops after Dispose");
            await Task.Delay(20);
            if (Total() != afterDispose)
            {
                wrong.Add($"{Total() - afterDispose} byte(s) reached the pipes after Dispose returned");
            }

            // Every byte in the pipes was reported by a write that returned it; none by one that ended otherwise.
            if (Total() != Interlocked.Read(ref reported))
            {
                wrong.Add($"the pipes received {Total()} bytes, the writes reported {Interlocked.Read(ref reported)} ({ledger})");
            }
        }
        finally
        {
            ring.Dispose();
            stop.Cancel();
            drainer.Join();
            foreach (RawPipe pipe in pipes)
            {
                pipe.Dispose();
            }
        }

        ledger.AssertEachEndedOnce();
        Assert.Empty(ring.Abandoned);
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>
    /// 32 loops of <paramref name="operation"/> (each returns the call and a check of its value) where the mode puts user
    /// code, while the test lists, cancels all and quiesces in rounds (the submitted counter must not move while
    /// quiesced), then disposes the ring under them; the AsyncSys counters of the ring then add up exactly.
    /// </summary>
    private static async Task LoopsAgainstQuiesceCancelAllAndDispose(
        IoBackend backend,
        DeliveryMode mode,
        Func<IoRing, int, int, byte[], (Func<ValueTask<int>> Call, Func<int, bool> Check)> operation,
        bool expectImmediate,
        int rings = 1)
    {
        string name = $"hostile9-loops-{Guid.NewGuid():N}";
        using var meter = new RingsMeter(name);
        IoRing ring = Hostile.Create(backend, mode, o =>
        {
            o.Name = name;
            o.Rings = rings;
        });
        var ledger = new Ledger();
        int wrong = 0;
        try
        {
            using var stop = new CancellationTokenSource();
            Task[] loops = Enumerable.Range(0, 32).Select(index =>
            {
                Func<Task> body = async () =>
                {
                    var buffer = new byte[4096];
                    for (int i = 0; !stop.IsCancellationRequested; i++)
                    {
                        (Func<ValueTask<int>> call, Func<int, bool> check) = operation(ring, index, i, buffer);
                        (Ending ending, int value, _) = await ledger.Track(call, "call");
                        if (ending == Ending.Disposed)
                        {
                            return;
                        }

                        if (ending == Ending.Result && !check(value))
                        {
                            Interlocked.Increment(ref wrong);
                        }
                    }
                };
                return mode == DeliveryMode.RingContext ? ring.RunOnRingAsync(body) : Task.Run(body);
            }).ToArray();

            for (int round = 0; round < Hostile.Rounds(6, 60); round++)
            {
                await Task.Delay(5);
                for (int look = 0; look < 50; look++)
                {
                    IReadOnlyList<InFlightOperation> snapshot = Round4.DistinctListing(ring);
                    Assert.True(Round8.Inconsistency(snapshot) is null, $"round {round}: {Round8.Inconsistency(snapshot)}");
                }

                ring.CancelAll();
                await using (QuiesceResult quiesce = await Hostile.Within(ring.QuiesceAsync(Hostile.Bound).AsTask(), ring, "a quiesce"))
                {
                    Assert.True(quiesce.Drained, $"a quiesce with only short calls did not drain: {Hostile.Describe(ring)}");
                    Assert.Empty(ring.GetInFlightOperations());
                    long submitted = meter["asyncsys.ops.submitted"];
                    await Task.Delay(20);
                    Assert.True(submitted == meter["asyncsys.ops.submitted"], $"round {round}: the submitted counter moved while the ring was quiesced ({submitted} -> {meter["asyncsys.ops.submitted"]})");
                    Assert.Empty(ring.GetInFlightOperations());
                }
            }

            await Task.Delay(5);
            await Task.Run(ring.Dispose);
            stop.Cancel();
            await Hostile.Within(Task.WhenAll(loops), ring, "the 32 loops after Dispose");
        }
        finally
        {
            ring.Dispose();
        }

        ledger.AssertEachEndedOnce();
        Assert.Equal(0, wrong);
        Assert.Empty(ring.Abandoned);
        await Hostile.Until(
            () => meter["asyncsys.ops.submitted"] == meter["asyncsys.ops.completed"] + meter["asyncsys.ops.cancelled"] + meter["asyncsys.ops.failed"],
            $"the counters add up: {meter}; {ledger}");
        Assert.True(meter["asyncsys.ops.completed"] == ledger[Ending.Result], $"completed counts every result: {meter}; {ledger}");
        Assert.True(meter["asyncsys.ops.failed"] == 0 && ledger[Ending.Errno] == 0, $"nothing failed: {meter}; {ledger}");
        Assert.True(meter["asyncsys.ops.cancelled"] <= ledger[Ending.Cancelled] + ledger[Ending.Disposed], $"cancelled: {meter}; {ledger}");
        Assert.True(meter["asyncsys.ops.immediate"] <= meter["asyncsys.ops.completed"], $"immediate: {meter}");
        if (expectImmediate)
        {
            Assert.True(meter["asyncsys.ops.immediate"] > 0, $"page-cache hits with the attempt on: {meter}");
        }
    }
}
