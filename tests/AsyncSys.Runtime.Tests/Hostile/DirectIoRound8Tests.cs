using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Round 8: a storage engine's direct I/O under attack (docs/direct-io.md, cancellation.md, the XML docs of
/// <see cref="DirectFileHandle"/> and <see cref="AlignedBufferPool"/>): misaligned requests, buffers given back twice or
/// used after they were given back, a file system that refuses O_DIRECT, direct reads and writes ended early, ENOSPC,
/// and a handle disposed under its own operations.
/// </summary>
public sealed class DirectIoRound8Tests
{
    public static TheoryData<IoBackend, DeliveryMode, string> EndingsMatrix
    {
        get
        {
            var cases = new TheoryData<IoBackend, DeliveryMode, string>();
            foreach (object[] row in DeliveryModes.Matrix)
            {
                foreach (string how in new[] { "token", "CancelAll", "deadline", "Dispose" })
                {
                    cases.Add((IoBackend)row[0], (DeliveryMode)row[1], how);
                }
            }

            return cases;
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Misaligned_direct_requests_are_refused_naming_the_argument_and_the_alignment_and_admit_nothing(IoBackend backend, DeliveryMode mode)
    {
        // One slot: a refused request that kept its slot would make the last read wait for ever.
        using IoRing ring = Hostile.Create(backend, mode, capacity: 1);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        using var file = new TempFile(64 * 1024);
        using DirectFileHandle direct = DirectFileHandle.Open(file.Path, OpenFlags.ReadWrite);
        using IMemoryOwner<byte> owner = AlignedBufferPool.Shared.Rent(4 * 4096);
        Memory<byte> aligned = owner.Memory;
        int memory = direct.MemoryAlignment, offset = direct.OffsetAlignment;
        Assert.True(memory > 1 && offset > 1, $"a file on {file.Path} reports alignments {memory}/{offset}");

        await Hostile.Run(ring, mode, async () =>
        {
            async Task Refused(string parameter, string mustName, Func<Task> call, string what)
            {
                ArgumentException e = await DeliveryModes.Fails<ArgumentException>(call);
                Assert.True(e.ParamName == parameter, $"{what}: ParamName '{e.ParamName}', expected '{parameter}' ({e.Message})");
                Assert.Contains(mustName, e.Message, StringComparison.Ordinal);
                Assert.Contains(file.Path, e.Message, StringComparison.Ordinal);
            }

            await Refused("buffer", Text(memory), async () => await ring.ReadAsync(direct, aligned.Slice(1, 4096), 0), "read, address");
            await Refused("buffer", Text(offset), async () => await ring.ReadAsync(direct, aligned.Slice(0, 4096 + 1), 0), "read, length");
            await Refused("fileOffset", "100", async () => await ring.ReadAsync(direct, aligned.Slice(0, 4096), 100), "read, offset");
            await Refused("fileOffset", "100", async () => await ring.WriteAsync(direct, aligned.Slice(0, 4096), 100), "write, offset");
            await Refused("buffer", Text(memory), async () => await ring.WriteAsync(direct, aligned.Slice(3, 4096), 0), "write, address");
            await Refused("buffer", Text(offset), async () => await ring.WriteAtMostAsync(direct, aligned.Slice(0, 100), 0), "write at most, length");
            await Refused("buffer", Text(memory), async () => await ring.ReadExactlyAsync(direct, aligned.Slice(8, 4096), 0), "read exactly, address");
            await Refused("buffers", Text(offset), async () => await ring.ReadAsync(direct, new[] { aligned.Slice(0, 4096), aligned.Slice(4096, 100) }, 0), "vectored read, a segment's length");
            await Refused("buffers", Text(memory), async () => await ring.WriteAsync(direct, new ReadOnlyMemory<byte>[] { aligned.Slice(0, 4096), aligned.Slice(4096 + 1, 4096) }, 4096), "vectored write, a segment's address");
            await Refused("fileOffset", "100", async () => await ring.WriteAtMostAsync(direct, new ReadOnlyMemory<byte>[] { aligned.Slice(0, 4096) }, 100), "vectored write, offset");

            // Through a request too: refused, naming what is misaligned.
            ArgumentException request = await DeliveryModes.Fails<ArgumentException>(async () => await ring.SubmitAsync(RingRequest.Read(direct, aligned.Slice(1, 4096), 0)));
            Assert.False(string.IsNullOrEmpty(request.ParamName), $"a misaligned request names no argument: {request.Message}");
            Assert.Contains(Text(memory), request.Message, StringComparison.Ordinal);

            // The ring still has its one slot.
            Assert.Equal(4096, await Hostile.Within(ring.ReadAsync(direct, aligned.Slice(0, 4096), 8192).AsTask(), ring, "an aligned read after the refusals"));
        });

        Assert.Equal(file.Content.AsSpan(8192, 4096).ToArray(), aligned.Slice(0, 4096).ToArray());
        Assert.Equal(1, counts["asyncsys.ops.submitted"]);
        Assert.Equal(file.Content, File.ReadAllBytes(file.Path));
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_buffer_given_back_twice_or_used_after_it_was_given_back_never_reaches_another_renters_memory(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        using var file = new TempFile(64 * 1024);
        using DirectFileHandle direct = DirectFileHandle.Open(file.Path, OpenFlags.ReadWrite);
        using var pipe = new RawPipe();
        var pool = new AlignedBufferPool(4096, maxRetainedPerSize: 8);
        int admitted = 0;

        await Hostile.Run(ring, mode, async () =>
        {
            // Given back twice while idle: the pool must not hold it twice (two renters would share it).
            IMemoryOwner<byte> twice = pool.Rent(4096);
            twice.Dispose();
            twice.Dispose();
            var after = Enumerable.Range(0, 4).Select(_ => pool.Rent(4096)).ToList();
            Assert.True(after.Select(Round8.AddressOf).Distinct().Count() == 4, "a buffer given back twice was lent to two renters at once");
            after.ForEach(o => o.Dispose());

            // Given back twice while a read has it: kept out of the pool until the kernel is done, and then once.
            IMemoryOwner<byte> busy = pool.Rent(4096);
            nint busyAddress = Round8.AddressOf(busy);
            ValueTask<int> read = ring.ReadAsync(pipe.Read, busy.Memory);
            admitted++;
            await Hostile.UntilPending(ring);
            busy.Dispose();
            busy.Dispose();
            var meanwhile = Enumerable.Range(0, 8).Select(_ => pool.Rent(4096)).ToList();
            Assert.DoesNotContain(busyAddress, meanwhile.Select(Round8.AddressOf));
            meanwhile.ForEach(o => o.Span().Fill(0x55));
            pipe.Put(1, 2, 3);
            Assert.Equal(3, await Hostile.Within(read.AsTask(), ring, "the read into the buffer given back twice"));
            Assert.All(meanwhile, o => Assert.True(o.Memory.Span.IndexOfAnyExcept((byte)0x55) < 0, "the kernel wrote into a buffer lent to someone else"));
            meanwhile.ForEach(o => o.Dispose());
            var later = Enumerable.Range(0, 8).Select(_ => pool.Rent(4096)).ToList();
            Assert.True(later.Select(Round8.AddressOf).Distinct().Count() == 8, "after the read ended, the buffer given back twice was lent twice");
            later.ForEach(o => o.Dispose());

            // Used after it was given back: the memory is someone else's now (or freed). The ring must not hand it
            // to the kernel.
            IMemoryOwner<byte> stale = pool.Rent(4096);
            Memory<byte> staleMemory = stale.Memory;
            stale.Dispose();
            IMemoryOwner<byte> next = pool.Rent(4096);
            next.Span().Fill(0x55);
            Exception refused = await DeliveryModes.Fails<Exception>(async () => await ring.ReadAsync(direct, staleMemory, 0));
            Assert.True(refused is ObjectDisposedException, $"a read into a buffer given back to the pool ended {refused.GetType().Name}: {refused.Message}");
            Assert.True(next.Memory.Span.IndexOfAnyExcept((byte)0x55) < 0, "a read through a buffer given back wrote into the next renter's memory");
            Exception refusedWrite = await DeliveryModes.Fails<Exception>(async () => await ring.WriteAsync(pipe.Write, staleMemory.Slice(0, 16)));
            Assert.True(refusedWrite is ObjectDisposedException, $"a write from a buffer given back ended {refusedWrite.GetType().Name}: {refusedWrite.Message}");
            Assert.Equal(0, pipe.Pending);
            next.Dispose();
        });

        Assert.Equal(admitted, counts["asyncsys.ops.submitted"]);
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Many_direct_reads_holding_more_buffers_than_the_pool_keeps_each_get_their_own_bytes_and_memory(IoBackend backend, DeliveryMode mode)
    {
        const int Size = 64 * 1024, Readers = 24, Rounds = 6;
        using IoRing ring = Hostile.Create(backend, mode, capacity: 8);
        var content = Sys.DirectPatternBytes(Readers * Size, 3);
        string path = Path.Combine(Path.GetTempPath(), "asyncsys-r8-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(path, content);
        // Keeps 2 per size: most buffers come from fresh allocations and are freed on return, while reads still wait
        // for slots (8) behind the others.
        var pool = new AlignedBufferPool(4096, maxRetainedPerSize: 2);
        var wrong = new ConcurrentQueue<string>();
        int refusedAtAdmission = 0;
        try
        {
            using DirectFileHandle direct = await ring.OpenDirectAsync(path, OpenFlags.ReadOnly);
            await Hostile.Run(ring, mode, async () =>
            {
                var live = new ConcurrentDictionary<nint, int>();
                await Task.WhenAll(Enumerable.Range(0, Readers).Select(r => Task.Run(async () =>
                {
                    for (int round = 0; round < Rounds; round++)
                    {
                        IMemoryOwner<byte> owner = pool.Rent(Size);
                        nint address = Round8.AddressOf(owner);
                        if (!live.TryAdd(address, r))
                        {
                            wrong.Enqueue($"reader {r} was lent {address:x}, which reader {live[address]} still holds");
                        }

                        int slot = (r + round) % Readers;
                        ValueTask<int> read = ring.ReadAsync(direct, owner.Memory, (long)slot * Size);
                        if (round % 2 == 1)
                        {
                            // Given back while the read may still have it; taken out of the live set first, since the
                            // pool may lend it again only once the kernel is done.
                            live.TryRemove(address, out _);
                            owner.Dispose();
                            try
                            {
                                await read;
                            }
                            catch (ObjectDisposedException e) when (e.ObjectName.Contains("AlignedBufferPool", StringComparison.Ordinal))
                            {
                                // By design (docs/direct-io.md): a read still waiting for a slot pins its buffer only
                                // when admitted; its owner disposed before that, it ends here and never reaches the kernel.
                                Interlocked.Increment(ref refusedAtAdmission);
                            }

                            continue;
                        }

                        int n = await read;
                        if (n != Size || !owner.Memory.Span.SequenceEqual(content.AsSpan(slot * Size, Size)))
                        {
                            wrong.Enqueue($"reader {r} round {round}: {n} bytes, not the file's at {slot * Size}");
                        }

                        live.TryRemove(address, out _);
                        owner.Dispose();
                    }
                })));
            });
        }
        finally
        {
            File.Delete(path);
        }

        Assert.True(wrong.IsEmpty, string.Join("\n", wrong.Take(10)));
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_file_system_that_refuses_O_DIRECT_gives_EINVAL_at_open_and_the_buffered_fallback_works(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        using var ramfs = SmallTmpfs.TryMount(1 << 20, "ramfs");
        Assert.True(ramfs.Path is not null, "this test mounts a ramfs and needs root: " + ramfs.Why);
        using var tmpfs = SmallTmpfs.TryMount(1 << 20);
        Assert.True(tmpfs.Path is not null, "this test mounts a tmpfs and needs root: " + tmpfs.Why);
        string refused = Path.Combine(ramfs.Path!, "f");
        File.WriteAllBytes(refused, Sys.DirectPatternBytes(8192, 5));

        await Hostile.Run(ring, mode, async () =>
        {
            // ramfs has no direct I/O at all: EINVAL at open, through the ring and synchronously.
            ErrnoException viaRing = await DeliveryModes.Fails<ErrnoException>(async () => await ring.OpenDirectAsync(refused, OpenFlags.ReadWrite));
            Assert.StartsWith("open", viaRing.Describe(Errno.EINVAL), StringComparison.Ordinal);
            ErrnoException sync = Assert.Throws<ErrnoException>(() => DirectFileHandle.Open(refused, OpenFlags.ReadWrite));
            Assert.StartsWith("open", sync.Describe(Errno.EINVAL), StringComparison.Ordinal);

            // The fallback the docs give: buffered I/O on the same file, through the same ring.
            using var buffered = File.OpenHandle(refused, FileMode.Open, FileAccess.ReadWrite);
            var back = new byte[8192];
            Assert.Equal(8192, await ring.ReadAsync(buffered, back, 0));
            Assert.Equal(Sys.DirectPatternBytes(8192, 5), back);
            await ring.WriteAsync(buffered, new byte[] { 9, 9, 9 }, 100);

            // tmpfs: refuses before 6.6, works since. Either answer, never anything else.
            string maybe = Path.Combine(tmpfs.Path!, "g");
            DirectFileHandle? onTmpfs = null;
            try
            {
                onTmpfs = await ring.OpenDirectAsync(maybe, OpenFlags.ReadWrite | OpenFlags.Create);
            }
            catch (ErrnoException e) when (Environment.OSVersion.Version < new Version(6, 6))
            {
                e.Describe(Errno.EINVAL);
            }

            if (onTmpfs is not null)
            {
                using (onTmpfs)
                {
                    Assert.True(onTmpfs.OffsetAlignment >= 1 && (onTmpfs.OffsetAlignment & (onTmpfs.OffsetAlignment - 1)) == 0, $"offset alignment {onTmpfs.OffsetAlignment}");
                    using IMemoryOwner<byte> buffer = AlignedBufferPool.Shared.Rent(8192);
                    Sys.DirectPatternBytes(8192, 6).CopyTo(buffer.Memory);
                    await ring.WriteAsync(onTmpfs, buffer.Memory, 0);
                    buffer.Span().Clear();
                    await ring.ReadExactlyAsync(onTmpfs, buffer.Memory, 0);
                    Assert.Equal(Sys.DirectPatternBytes(8192, 6), buffer.Memory.ToArray());
                    Assert.Equal(0, await ring.ReadAsync(onTmpfs, buffer.Memory, 8192));
                }
            }
        });

        byte[] after = File.ReadAllBytes(refused);
        Assert.Equal(new byte[] { 9, 9, 9 }, after.AsSpan(100, 3).ToArray());
        Assert.Equal(0, ring.InFlightCount);
        Assert.Equal(counts["asyncsys.ops.submitted"], counts["asyncsys.ops.completed"] + counts["asyncsys.ops.failed"]);
    }

    [Theory]
    [MemberData(nameof(EndingsMatrix))]
    public async Task Direct_reads_and_writes_ended_early_let_go_of_their_buffers_only_when_the_kernel_is_done(IoBackend backend, DeliveryMode mode, string how)
    {
        const int Size = 1 << 20, Reads = 6, Writes = 4;
        IoRing ring = Hostile.Create(backend, mode);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        byte[] content = Sys.DirectPatternBytes((Reads + Writes) * Size, 7);
        string path = Path.Combine(Path.GetTempPath(), "asyncsys-r8-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(path, content);
        var readBuffers = Enumerable.Range(0, Reads).Select(_ => new AlignedCountingBuffer(Size)).ToArray();
        var writeBuffers = Enumerable.Range(0, Writes).Select(_ => new AlignedCountingBuffer(Size)).ToArray();
        var snapshots = new byte[Reads][];
        var ledger = new Ledger();
        var outcomes = new (Ending Ending, int Value, Exception? Error)[Reads + Writes];
        try
        {
            for (int i = 0; i < Reads; i++)
            {
                int index = i;
                readBuffers[i].OnUnpin = b =>
                {
                    // What the kernel had put there, then the sentinel: a late kernel write would overwrite it.
                    snapshots[index] = b.GetSpan().ToArray();
                    b.GetSpan().Fill(Round8.Sentinel);
                };
            }

            for (int i = 0; i < Writes; i++)
            {
                writeBuffers[i].GetSpan().Fill((byte)(0x40 + i));
                // A kernel still reading from the buffer after this would put sentinels into the file.
                writeBuffers[i].OnUnpin = b => b.GetSpan().Fill(Round8.Sentinel);
            }

            using DirectFileHandle direct = DirectFileHandle.Open(path, OpenFlags.ReadWrite);
            await Hostile.Run(ring, mode, async () =>
            {
                using var cts = new CancellationTokenSource();
                var tasks = new List<Task<(Ending, int, Exception?)>>();
                for (int i = 0; i < Reads; i++)
                {
                    int index = i;
                    RingRequest request = RingRequest.Read(direct, readBuffers[i].Memory, (long)i * Size);
                    if (how == "deadline")
                    {
                        request = request.WithTimeout(TimeSpan.FromMilliseconds(1));
                    }

                    tasks.Add(ledger.Track(() => ring.SubmitAsync(request, cts.Token), "direct read " + index));
                }

                for (int i = 0; i < Writes; i++)
                {
                    int index = i;
                    RingRequest request = RingRequest.Write(direct, writeBuffers[i].Memory, (long)(Reads + i) * Size);
                    if (how == "deadline")
                    {
                        request = request.WithTimeout(TimeSpan.FromMilliseconds(1));
                    }

                    tasks.Add(ledger.Track(() => ring.SubmitAsync(request, cts.Token), "direct write " + index));
                }

                switch (how)
                {
                    case "token":
                        cts.Cancel();
                        break;
                    case "CancelAll":
                        ring.CancelAll();
                        break;
                    case "Dispose":
                        await Task.Run(ring.Dispose);
                        break;
                }

                for (int i = 0; i < tasks.Count; i++)
                {
                    outcomes[i] = await Hostile.Within(tasks[i], ring, $"direct operation {i}");
                }

                // Each await ended only after its buffer was let go.
                Assert.All(readBuffers.Concat(writeBuffers), b => Assert.Equal(b.Pins, b.Unpins));
            });

            ring.Dispose();
            ledger.AssertEachEndedOnce();
            Assert.All(readBuffers.Concat(writeBuffers), b => Assert.True(b.Pins >= 1 && b.Pins == b.Unpins, $"pins {b.Pins}, unpins {b.Unpins}"));

            Ending early = how switch
            {
                "Dispose" => Ending.Disposed,
                "deadline" => Ending.Errno,
                _ => Ending.Cancelled,
            };
            for (int i = 0; i < outcomes.Length; i++)
            {
                (Ending ending, int value, Exception? error) = outcomes[i];
                Assert.True(ending == Ending.Result || ending == early, $"operation {i} ended {ending} {value}: {error}");
                if (ending == Ending.Errno)
                {
                    Assert.Equal(Errno.ETIME, ((ErrnoException)error!).Errno);
                }
            }

            // Any stray kernel access would have happened by now: flush the file and read it (and the device) again.
            using (var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite))
            {
                Assert.Equal(0, Sys.ErrnoOf(Sys.fsync((int)handle.DangerousGetHandle())));
            }

            byte[] now = File.ReadAllBytes(path);
            for (int i = 0; i < Reads; i++)
            {
                Assert.True(readBuffers[i].GetSpan().IndexOfAnyExcept(Round8.Sentinel) < 0, $"read {i}: the kernel wrote into its buffer after it was let go");
                if (outcomes[i].Ending == Ending.Result)
                {
                    int n = outcomes[i].Value;
                    Assert.True(snapshots[i].AsSpan(0, n).SequenceEqual(content.AsSpan(i * Size, n)), $"read {i}: {n} bytes, not the file's");
                }
            }

            for (int i = 0; i < Writes; i++)
            {
                ReadOnlySpan<byte> region = now.AsSpan((Reads + i) * Size, Size);
                Assert.True(region.IndexOf(Round8.Sentinel) < 0, $"write {i}: the kernel read its buffer after it was let go (sentinels in the file at {region.IndexOf(Round8.Sentinel)})");
                int written = outcomes[Reads + i].Ending == Ending.Result ? outcomes[Reads + i].Value : 0;
                Assert.True(region[..written].IndexOfAnyExcept((byte)(0x40 + i)) < 0, $"write {i}: acknowledged {written} bytes that are not in the file");
                for (int block = 0; block < Size; block += 4096)
                {
                    ReadOnlySpan<byte> b = region.Slice(block, 4096);
                    bool written4k = b.IndexOfAnyExcept((byte)(0x40 + i)) < 0;
                    bool old = b.SequenceEqual(content.AsSpan(((Reads + i) * Size) + block, 4096));
                    Assert.True(written4k || old, $"write {i}: block at {block} is neither the old bytes nor the new ones");
                }
            }

            Assert.Equal(counts["asyncsys.ops.submitted"], counts["asyncsys.ops.completed"] + counts["asyncsys.ops.cancelled"] + counts["asyncsys.ops.failed"]);
        }
        finally
        {
            ring.Dispose();
            File.Delete(path);
            foreach (AlignedCountingBuffer b in readBuffers.Concat(writeBuffers))
            {
                ((IDisposable)b).Dispose();
            }
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Direct_writes_filling_a_small_tmpfs_end_with_ENOSPC_and_every_acknowledged_byte_is_there(IoBackend backend, DeliveryMode mode)
    {
        const int Chunk = 64 * 1024, Loops = 4;
        using IoRing ring = Hostile.Create(backend, mode);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        using var mount = SmallTmpfs.TryMount(1 << 20);
        Assert.True(mount.Path is not null, "this test mounts a 1 MiB tmpfs and needs root: " + mount.Why);
        string path = Path.Combine(mount.Path!, "full");
        var acknowledged = new ConcurrentDictionary<long, int>();
        var wrong = new ConcurrentQueue<string>();
        int enospc = 0;

        await Hostile.Run(ring, mode, async () =>
        {
            DirectFileHandle direct;
            try
            {
                direct = await ring.OpenDirectAsync(path, OpenFlags.ReadWrite | OpenFlags.Create);
            }
            catch (ErrnoException e) when (Environment.OSVersion.Version < new Version(6, 6))
            {
                // tmpfs before 6.6 has no O_DIRECT (docs/direct-io.md): nothing more to check here.
                e.Describe(Errno.EINVAL);
                return;
            }

            using (direct)
            {
                await Task.WhenAll(Enumerable.Range(0, Loops).Select(l => Task.Run(async () =>
                {
                    using IMemoryOwner<byte> buffer = AlignedBufferPool.Shared.Rent(Chunk);
                    for (int i = 0; ; i++)
                    {
                        long offset = ((long)(i * Loops) + l) * Chunk;
                        buffer.Span().Fill((byte)(offset / Chunk));
                        try
                        {
                            // Alternately the single write and the write-all; both must end ENOSPC, never hang.
                            int n = i % 2 == 0 ? await ring.WriteAtMostAsync(direct, buffer.Memory, offset) : await WriteAll(ring, direct, buffer.Memory, offset);
                            if (n <= 0 || n > Chunk)
                            {
                                wrong.Enqueue($"a write at {offset} returned {n}");
                                return;
                            }

                            acknowledged[offset] = n;
                        }
                        catch (ErrnoException e) when (e.Errno == Errno.ENOSPC)
                        {
                            if (!e.Syscall.StartsWith("pwrite", StringComparison.Ordinal))
                            {
                                wrong.Enqueue($"ENOSPC names {e.Syscall}");
                            }

                            Interlocked.Increment(ref enospc);
                            return;
                        }
                    }
                })));

                // Full: fallocate says so too; after the file is cut to nothing, a direct write works again.
                ErrnoException full = await DeliveryModes.Fails<ErrnoException>(async () => await ring.FallocateAsync(direct, 0, 4L << 20, Chunk));
                Assert.Equal("fallocate", full.Describe(Errno.ENOSPC));
                byte[] before = File.ReadAllBytes(path);
                foreach ((long offset, int n) in acknowledged)
                {
                    Assert.True(before.Length >= offset + n, $"acknowledged {n} bytes at {offset}, the file ends at {before.Length}");
                    Assert.True(before.AsSpan((int)offset, n).IndexOfAnyExcept((byte)(offset / Chunk)) < 0, $"the {n} bytes acknowledged at {offset} are not in the file");
                }

                await ring.FtruncateAsync(direct, 0);
                using IMemoryOwner<byte> again = AlignedBufferPool.Shared.Rent(Chunk);
                again.Span().Fill(0x77);
                Assert.Equal(Chunk, await ring.WriteAtMostAsync(direct, again.Memory, 0));
            }
        });

        Assert.True(wrong.IsEmpty, string.Join("\n", wrong.Take(10)));
        if (acknowledged.Count > 0 || enospc > 0)
        {
            Assert.Equal(Loops, enospc);
            Assert.True(acknowledged.Values.Sum() <= 1 << 20, $"{acknowledged.Values.Sum()} bytes acknowledged on a 1 MiB file system");
        }

        Assert.Equal(0, ring.InFlightCount);
        Assert.Equal(counts["asyncsys.ops.submitted"], counts["asyncsys.ops.completed"] + counts["asyncsys.ops.failed"]);
        Assert.Equal(0, counts["asyncsys.ops.cancelled"]);
    }

    private static async ValueTask<int> WriteAll(IoRing ring, DirectFileHandle direct, ReadOnlyMemory<byte> buffer, long offset)
    {
        await ring.WriteAsync(direct, buffer, offset);
        return buffer.Length;
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_DirectFileHandle_disposed_while_its_operations_are_in_flight_lets_each_end_with_its_bytes_and_refuses_new_ones(IoBackend backend, DeliveryMode mode)
    {
        const int Size = 256 * 1024, Reads = 12, Writes = 6;
        using IoRing ring = Hostile.Create(backend, mode);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        byte[] content = Sys.DirectPatternBytes((Reads + Writes) * Size, 9);
        string path = Path.Combine(Path.GetTempPath(), "asyncsys-r8-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(path, content);
        var owners = Enumerable.Range(0, Reads + Writes).Select(_ => AlignedBufferPool.Shared.Rent(Size)).ToArray();
        var ledger = new Ledger();
        int admittedLate = 0;
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                for (int round = 0; round < 4; round++)
                {
                    DirectFileHandle direct = DirectFileHandle.Open(path, OpenFlags.ReadWrite);
                    var tasks = new List<Task<(Ending Ending, int Value, Exception? Error)>>();
                    for (int i = 0; i < Reads; i++)
                    {
                        int index = i;
                        tasks.Add(ledger.Track(() => ring.ReadAsync(direct, owners[index].Memory, (long)index * Size), "read " + index));
                    }

                    for (int i = 0; i < Writes; i++)
                    {
                        int index = Reads + i;
                        owners[index].Span().Fill((byte)(0x30 + round));
                        tasks.Add(ledger.Track(() => ring.WriteAtMostAsync(direct, owners[index].Memory, (long)index * Size), "write " + index));
                    }

                    // Disposed at once, with everything in flight (or, on the caller, done).
                    direct.Dispose();
                    // By design (docs/cancellation.md): a handle whose Dispose was called while operations hold it is
                    // not closed until they let go (SafeHandle.IsClosed is false), so a new operation is still admitted
                    // (and holds it too) or, once it is closed, refused with ObjectDisposedException. Never EBADF.
                    var late = await ledger.Track(() => ring.ReadAsync(direct, owners[0].Memory, 0), "a read after Dispose");
                    Assert.True(
                        (late.Ending == Ending.Result && late.Value == Size) || late.Ending == Ending.Disposed,
                        $"a read on the disposed handle ended {late.Ending} {late.Value}: {late.Error}");
                    if (late.Ending == Ending.Result)
                    {
                        admittedLate++;
                    }

                    for (int i = 0; i < tasks.Count; i++)
                    {
                        (Ending ending, int value, Exception? error) = await Hostile.Within(tasks[i], ring, $"operation {i} on the disposed handle");
                        Assert.True(ending == Ending.Result && value == Size, $"round {round}, operation {i}: {ending} {value} {error}");
                        if (i < Reads)
                        {
                            Assert.True(owners[i].Memory.Span.SequenceEqual(content.AsSpan(i * Size, Size)), $"round {round}, read {i}: not the file's bytes");
                        }
                    }

                    Assert.True(direct.IsClosed);
                }
            });

            ledger.AssertEachEndedOnce();
            byte[] now = File.ReadAllBytes(path);
            for (int i = Reads; i < Reads + Writes; i++)
            {
                Assert.True(now.AsSpan(i * Size, Size).IndexOfAnyExcept((byte)0x33) < 0, $"write {i}: the last round's bytes are not in the file");
            }

            Assert.Equal((4 * (Reads + Writes)) + admittedLate, counts["asyncsys.ops.submitted"]);
            Assert.Equal(0, ring.InFlightCount);
        }
        finally
        {
            foreach (IMemoryOwner<byte> owner in owners)
            {
                owner.Dispose();
            }

            File.Delete(path);
        }
    }
    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Direct_reads_at_an_unaligned_end_of_file_and_racing_its_truncation_return_the_files_bytes_and_ReadExactly_says_how_much_it_read(IoBackend backend, DeliveryMode mode)
    {
        const int Size = 64 * 1024, Length = 10_000;
        using IoRing ring = Hostile.Create(backend, mode);
        byte[] content = Sys.DirectPatternBytes(4 * Size, 14);
        string path = Path.Combine(Path.GetTempPath(), "asyncsys-r8-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(path, content.AsSpan(0, Length).ToArray());
        var wrong = new ConcurrentQueue<string>();
        try
        {
            using DirectFileHandle direct = DirectFileHandle.Open(path, OpenFlags.ReadWrite);
            using IMemoryOwner<byte> owner = AlignedBufferPool.Shared.Rent(3 * 4096);
            await Hostile.Run(ring, mode, async () =>
            {
                // docs/direct-io.md: the bytes up to the end (the size need not be aligned), then 0.
                Assert.Equal(Length, await ring.ReadAsync(direct, owner.Memory, 0));
                Assert.True(owner.Memory.Span[..Length].SequenceEqual(content.AsSpan(0, Length)));
                Assert.Equal(Length - 8192, await ring.ReadAsync(direct, owner.Memory.Slice(0, 4096), 8192));
                Assert.Equal(0, await ring.ReadAsync(direct, owner.Memory.Slice(0, 4096), 12_288));

                // ReadExactlyAsync: EndOfStreamException saying how much it read, never an alignment refusal of the
                // remainder after the short read.
                EndOfStreamException end = await DeliveryModes.Fails<EndOfStreamException>(async () => await ring.ReadExactlyAsync(direct, owner.Memory, 0));
                Assert.Contains(Length.ToString(CultureInfo.InvariantCulture), end.Message, StringComparison.Ordinal);

                // Truncated and extended to unaligned lengths while direct reads run: each read returns the file's
                // bytes (or zeros past a cut) up to some end, ReadExactly reads all or says how much.
                using var stop = new CancellationTokenSource();
                Task resizer = Task.Run(async () =>
                {
                    var random = new Random(5);
                    using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
                    while (!stop.IsCancellationRequested)
                    {
                        int length = random.Next(4 * Size);
                        await ring.FtruncateAsync(handle, length);
                        await ring.WriteAsync(handle, content.AsMemory(0, length), 0);
                    }
                });
                await Task.WhenAll(Enumerable.Range(0, 3).Select(r => Task.Run(async () =>
                {
                    using IMemoryOwner<byte> buffer = AlignedBufferPool.Shared.Rent(Size);
                    for (int i = 0; i < 200; i++)
                    {
                        long offset = (long)((i + r) % 4) * Size;
                        buffer.Span().Fill(Round8.Sentinel);
                        if (i % 4 == 3)
                        {
                            try
                            {
                                await ring.ReadExactlyAsync(direct, buffer.Memory, offset);
                            }
                            catch (EndOfStreamException)
                            {
                                continue;
                            }

                            Check(buffer.Memory.Span, offset, Size, "ReadExactly");
                            continue;
                        }

                        int n = await ring.ReadAsync(direct, buffer.Memory, offset);
                        if (n < 0 || n > Size)
                        {
                            wrong.Enqueue($"read at {offset} returned {n}");
                            continue;
                        }

                        Check(buffer.Memory.Span, offset, n, "read");
                    }
                })));
                stop.Cancel();
                await Hostile.Within(resizer, ring, "the resizer");
            });
        }
        finally
        {
            File.Delete(path);
        }

        Assert.True(wrong.IsEmpty, string.Join("\n", wrong.Take(10)));
        Assert.Equal(0, ring.InFlightCount);

        void Check(ReadOnlySpan<byte> got, long offset, int n, string what)
        {
            for (int i = 0; i < n; i++)
            {
                if (got[i] != content[offset + i] && got[i] != 0)
                {
                    wrong.Enqueue($"{what} at {offset}: byte {i} of {n} is {got[i]:x2}, neither the file's {content[offset + i]:x2} nor a zero");
                    return;
                }
            }
        }
    }
}
