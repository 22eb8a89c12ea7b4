using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Round 7, the managed side under attack: memory. docs/cancellation.md ("Buffer ownership"): a buffer is pinned from
/// submission until the kernel's completion, and after the await it is the caller's again, whatever the outcome;
/// native memory behind a <see cref="MemoryManager{T}"/> must outlive the operation and may be freed after the await.
/// Checked while a thread makes the garbage collector compact as hard as it can, on small-heap, large-object-heap and
/// pinned-object-heap arrays, slices of larger arrays and <see cref="ArrayPool{T}"/> rentals returned right after the
/// await; on a memory manager over native memory that counts its pins and unpins (an unpin without a pin is recorded
/// with its stack); and on mmap'd memory unmapped as soon as the await ends.
/// </summary>
public sealed class ManagedMemoryRound7Tests
{
    /// <summary>
    /// A thread that runs full blocking compacting collections (LOH too) when asked, with garbage in between so objects
    /// move. On demand rather than in a loop: a loop of full collections in the test process stalled every test running
    /// beside it (the whole project went from under 3 to 11 minutes).
    /// </summary>
    private sealed class Compactor : IDisposable
    {
        private readonly Thread _thread;
        private readonly SemaphoreSlim _asked = new(0);
        private readonly ConcurrentQueue<(int Count, TaskCompletionSource Done)> _requests = new();
        private volatile bool _stop;

        public Compactor()
        {
            _thread = new Thread(Run) { IsBackground = true, Name = "compactor" };
            _thread.Start();
        }

        /// <summary>Runs <paramref name="count"/> compacting collections on the compactor's thread; the task ends after them.</summary>
        public Task Collect(int count)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _requests.Enqueue((count, done));
            _asked.Release();
            return done.Task;
        }

        private void Run()
        {
            var keep = new List<byte[]>();
            var random = new Random(7);
            while (true)
            {
                _asked.Wait();
                if (_stop)
                {
                    return;
                }

                _requests.TryDequeue(out var request);
                for (int c = 0; c < request.Count; c++)
                {
                    // Survivors of different sizes between dead objects: compaction has something to slide.
                    for (int i = 0; i < 64; i++)
                    {
                        var garbage = new byte[random.Next(16, 4096)];
                        if (i % 8 == 0)
                        {
                            keep.Add(garbage);
                        }
                    }

                    if (keep.Count > 512)
                    {
                        keep.RemoveRange(0, 256);
                    }

                    GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                }

                request.Done?.SetResult();
            }
        }

        public void Dispose()
        {
            _stop = true;
            _asked.Release();
            _thread.Join();
            _asked.Dispose();
        }
    }

    /// <summary>The kinds of managed buffer a read lands in: (what, the whole array, the slice given to the ring).</summary>
    private static List<(string What, byte[] Whole, Memory<byte> Slice, bool Rented)> Buffers(int round)
    {
        var list = new List<(string, byte[], Memory<byte>, bool)>();

        // Allocated between garbage, so the compactor moves them if nothing pins them.
        byte[] small = new byte[300];
        _ = new byte[1000];
        list.Add(("small array, slice 100..164", small, small.AsMemory(100, 64), false));
        byte[] large = new byte[200_000];
        list.Add(("LOH array, slice at 150000", large, large.AsMemory(150_000, 4096), false));
        byte[] pinned = GC.AllocateArray<byte>(8192, pinned: true);
        list.Add(("POH array, slice at 4000", pinned, pinned.AsMemory(4000, 512), false));
        byte[] rented = ArrayPool<byte>.Shared.Rent(1000 + round);
        list.Add(("ArrayPool rental, slice at 10", rented, rented.AsMemory(10, 256), true));
        byte[] wholeSmall = new byte[48];
        list.Add(("whole small array", wholeSmall, wholeSmall, false));
        foreach ((_, byte[] whole, _, _) in list)
        {
            whole.AsSpan().Fill(0xEE); // the guard pattern around each slice
        }

        return list;
    }

    private static byte[] Pattern(int seed, int length) => Enumerable.Range(0, length).Select(i => (byte)((seed * 31) + (i * 13) + 1)).ToArray();

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Reads_and_writes_in_flight_keep_their_bytes_while_the_collector_compacts_hard(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var file = new TempFile(64 * 1024);
        using var handle = file.Open();
        using var compactor = new Compactor();
        var wrong = new ConcurrentQueue<string>();
        await Hostile.Run(ring, mode, async () =>
        {
            for (int round = 0; round < Hostile.Rounds(3, 30); round++)
            {
                // Pipe reads that wait (the bytes come only after a few compactions) into every kind of buffer.
                var buffers = Buffers(round);
                var pipes = buffers.Select(_ => new RawPipe()).ToArray();
                try
                {
                    var reads = buffers.Select((b, i) => ring.ReadAsync(pipes[i].Read, b.Slice).AsTask()).ToArray();
                    await Hostile.UntilPending(ring, reads.Length);
                    await Hostile.Within(compactor.Collect(3), ring, "three compacting collections while the reads wait");
                    for (int i = 0; i < buffers.Count; i++)
                    {
                        pipes[i].Put(Pattern(round + i, buffers[i].Slice.Length));
                    }

                    for (int i = 0; i < buffers.Count; i++)
                    {
                        (string what, byte[] whole, Memory<byte> slice, bool rented) = buffers[i];
                        int n = await Hostile.Within(reads[i], ring, $"read into the {what}");

                        // A pipe read may be short; what it returned must be the pattern's start, in the slice itself.
                        byte[] expected = Pattern(round + i, slice.Length);
                        if (n <= 0 || !slice.Span[..n].SequenceEqual(expected.AsSpan(0, n)))
                        {
                            wrong.Enqueue($"round {round}: read into the {what} returned {n}, bytes {Convert.ToHexString(slice.Span[..Math.Max(0, Math.Min(n, 8))])}");
                        }

                        // Nothing outside the slice was written (the guard pattern is intact).
                        if (MemoryMarshal.TryGetArray<byte>(slice, out ArraySegment<byte> segment))
                        {
                            bool guardOk = whole.AsSpan(0, segment.Offset).IndexOfAnyExcept((byte)0xEE) < 0
                                && whole.AsSpan(segment.Offset + n).IndexOfAnyExcept((byte)0xEE) < 0;
                            if (!guardOk)
                            {
                                wrong.Enqueue($"round {round}: bytes outside the slice of the {what} were written");
                            }
                        }

                        if (rented)
                        {
                            // Returned right after the await: the operation let go of it then.
                            ArrayPool<byte>.Shared.Return(whole);
                        }
                    }
                }
                finally
                {
                    foreach (RawPipe pipe in pipes)
                    {
                        pipe.Dispose();
                    }
                }

                // Positional writes from slices of moving arrays, then reads back into fresh slices, all in flight at once.
                var writes = new List<Task<int>>();
                var sources = new List<(long Offset, byte[] Bytes)>();
                for (int i = 0; i < 16; i++)
                {
                    byte[] holder = new byte[(i % 2 == 0 ? 1100 : 100_000) + i];
                    byte[] bytes = Pattern(round * 100 + i, 1024);
                    bytes.CopyTo(holder, 17);
                    long offset = i * 4096L;
                    sources.Add((offset, bytes));
                    writes.Add(ring.WriteAtMostAsync(handle, holder.AsMemory(17, 1024), offset).AsTask());
                    _ = new byte[2048]; // garbage between the holders
                }

                Task collected = compactor.Collect(1); // while the writes are in flight
                for (int i = 0; i < writes.Count; i++)
                {
                    int n = await Hostile.Within(writes[i], ring, $"write {i}");
                    if (n != 1024)
                    {
                        wrong.Enqueue($"round {round}: write {i} wrote {n}");
                    }
                }

                await Hostile.Within(collected, ring, "a compacting collection while the writes were in flight");
                var readBacks = new List<(Task<int> Read, byte[] Holder)>();
                for (int i = 0; i < 16; i++)
                {
                    byte[] holder = new byte[3000 + i];
                    readBacks.Add((ring.ReadAsync(handle, holder.AsMemory(1000, 1024), sources[i].Offset).AsTask(), holder));
                }

                for (int i = 0; i < readBacks.Count; i++)
                {
                    int n = await Hostile.Within(readBacks[i].Read, ring, $"read back {i}");
                    if (n != 1024 || !readBacks[i].Holder.AsSpan(1000, 1024).SequenceEqual(sources[i].Bytes))
                    {
                        wrong.Enqueue($"round {round}: read back {i} returned {n} with other bytes");
                    }
                }
            }
        });

        Assert.True(wrong.IsEmpty, $"{backend} {mode}:\n" + string.Join("\n", wrong.Take(20)));
        Assert.Equal(0, ring.InFlightCount);
    }

    /// <summary>
    /// A memory manager over native memory (NativeMemory.Alloc): <see cref="Pin"/> hands out a pointer into it with the
    /// manager as the pinnable (no GC handle); every pin and unpin is counted, and an unpin with nothing pinned is
    /// recorded with its stack. Freed by the test after the last await.
    /// </summary>
    private sealed unsafe class NativeCountingMemory : MemoryManager<byte>
    {
        private readonly byte* _memory;
        private readonly int _length;
        private readonly ConcurrentQueue<string> _wrong;
        private int _pins, _unpins, _outstanding, _freed;

        public NativeCountingMemory(int length, ConcurrentQueue<string> wrong)
        {
            _length = length;
            _memory = (byte*)NativeMemory.AllocZeroed((nuint)length);
            _wrong = wrong;
        }

        public int Pins => Volatile.Read(ref _pins);

        public int Unpins => Volatile.Read(ref _unpins);

        public override Span<byte> GetSpan() => new(_memory, _length);

        public override MemoryHandle Pin(int elementIndex = 0)
        {
            if (Volatile.Read(ref _freed) != 0)
            {
                _wrong.Enqueue("Pin after the memory was freed:\n" + Environment.StackTrace);
            }

            Interlocked.Increment(ref _pins);
            Interlocked.Increment(ref _outstanding);
            return new MemoryHandle(_memory + elementIndex, default, this);
        }

        public override void Unpin()
        {
            Interlocked.Increment(ref _unpins);
            if (Interlocked.Decrement(ref _outstanding) < 0)
            {
                _wrong.Enqueue("Unpin with nothing pinned (a second unpin of one pin):\n" + Environment.StackTrace);
            }
        }

        /// <summary>Frees the memory; records it if a pin is still out (the ring would still use it).</summary>
        public void Free(string what)
        {
            if (Volatile.Read(ref _outstanding) != 0)
            {
                _wrong.Enqueue($"{what}: freed with {_outstanding} pin(s) still out");
                return; // leak rather than let the kernel write into freed memory
            }

            Interlocked.Exchange(ref _freed, 1);
            NativeMemory.Free(_memory);
        }

        protected override void Dispose(bool disposing)
        {
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_memory_manager_over_native_memory_is_unpinned_exactly_once_per_pin_before_each_await_ends(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var file = new TempFile(32 * 1024);
        using var handle = file.Open();
        var wrong = new ConcurrentQueue<string>();
        await Hostile.Run(ring, mode, async () =>
        {
            for (int round = 0; round < Hostile.Rounds(4, 40); round++)
            {
                // Each call gets a manager of its own; after its await, pins == unpins, then the memory is freed.
                var calls = new List<(string What, Func<NativeCountingMemory, Task<string?>> Run)>
                {
                    ("positional read", async m =>
                    {
                        int n = await ring.ReadAsync(handle, m.Memory.Slice(8, 4096), 4096);
                        return n == 4096 && m.Memory.Span.Slice(8, 4096).SequenceEqual(file.Content.AsSpan(4096, 4096)) ? null : $"read {n}, other bytes";
                    }),
                    ("positional write", async m =>
                    {
                        Pattern(round, 512).CopyTo(m.Memory.Span);
                        int n = await ring.WriteAtMostAsync(handle, m.Memory[..512], 20000);
                        return n == 512 ? null : $"wrote {n}";
                    }),
                    ("vectored read, two slices of one manager", async m =>
                    {
                        int n = await ring.ReadAsync(handle, new[] { m.Memory.Slice(0, 100), m.Memory.Slice(1000, 200) }, 0);
                        return n == 300 && m.Memory.Span[..100].SequenceEqual(file.Content.AsSpan(0, 100)) && m.Memory.Span.Slice(1000, 200).SequenceEqual(file.Content.AsSpan(100, 200)) ? null : $"readv {n}";
                    }),
                    ("vectored write, two slices of one manager", async m =>
                    {
                        int n = await ring.WriteAtMostAsync(handle, new ReadOnlyMemory<byte>[] { m.Memory.Slice(0, 64), m.Memory.Slice(64, 64) }, 24000);
                        return n == 128 ? null : $"writev {n}";
                    }),
                    ("ReadExactlyAsync", async m =>
                    {
                        await ring.ReadExactlyAsync(handle, m.Memory[..8192], 8192);
                        return m.Memory.Span[..8192].SequenceEqual(file.Content.AsSpan(8192, 8192)) ? null : "other bytes";
                    }),
                    ("pipe read that waits, then its byte", async m =>
                    {
                        using var pipe = new RawPipe();
                        Task<int> read = ring.ReadAsync(pipe.Read, m.Memory[..16]).AsTask();
                        await Hostile.UntilPending(ring);
                        pipe.Put(42);
                        int n = await Hostile.Within(read, ring, "pipe read");
                        return n == 1 && m.Memory.Span[0] == 42 ? null : $"read {n}";
                    }),
                    ("pipe read cancelled by its token", async m =>
                    {
                        using var pipe = new RawPipe();
                        using var cts = new CancellationTokenSource();
                        Task<int> read = ring.ReadAsync(pipe.Read, m.Memory[..16], cts.Token).AsTask();
                        await Hostile.UntilPending(ring);
                        cts.Cancel();
                        try
                        {
                            int n = await Hostile.Within(read, ring, "cancelled pipe read");
                            return $"cancelled read returned {n} from an empty pipe";
                        }
                        catch (OperationCanceledException)
                        {
                            pipe.Put(7); // a read the kernel still held would take it
                            return pipe.Pending == 1 ? null : "the byte written after the cancel was taken";
                        }
                    }),
                    ("pipe read cancelled by CancelAll", async m =>
                    {
                        using var pipe = new RawPipe();
                        Task<int> read = ring.ReadAsync(pipe.Read, m.Memory[..16]).AsTask();
                        await Hostile.UntilPending(ring);
                        ring.CancelAll();
                        try
                        {
                            int n = await Hostile.Within(read, ring, "pipe read after CancelAll");
                            return $"read returned {n} from an empty pipe";
                        }
                        catch (OperationCanceledException)
                        {
                            pipe.Put(7);
                            return pipe.Pending == 1 ? null : "the byte written after CancelAll was taken";
                        }
                    }),
                    ("read on a closed descriptor (EBADF)", async m =>
                    {
                        int fd = BadDescriptorTests.ClosedNumber();
                        try
                        {
                            int n = await ring.ReadAsync(fd, m.Memory[..16], 0);
                            return $"read on a closed descriptor returned {n}";
                        }
                        catch (ErrnoException e) when (e.ErrnoName == "EBADF")
                        {
                            return null;
                        }
                    }),
                };

                foreach ((string what, var run) in calls)
                {
                    var memory = new NativeCountingMemory(16 * 1024, wrong);
                    string? problem;
                    try
                    {
                        problem = await run(memory);
                    }
                    catch (Exception e)
                    {
                        problem = $"{e.GetType().Name}: {e.Message}";
                    }

                    if (problem != null)
                    {
                        wrong.Enqueue($"{what} (round {round}): {problem}");
                    }

                    if (memory.Pins != memory.Unpins)
                    {
                        wrong.Enqueue($"{what} (round {round}): {memory.Pins} pin(s), {memory.Unpins} unpin(s) when its await ended");
                    }

                    memory.Free(what);
                }
            }
        });

        Assert.True(wrong.IsEmpty, $"{backend} {mode}:\n" + string.Join("\n", wrong.Take(12)));
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Mapped_memory_unmapped_as_soon_as_each_await_ends_is_never_touched_again(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var file = new TempFile(64 * 1024);
        using var handle = file.Open();
        var wrong = new List<string>();
        await Hostile.Run(ring, mode, async () =>
        {
            for (int round = 0; round < Hostile.Rounds(8, 80); round++)
            {
                // A file read into a fresh mapping, unmapped right after the await.
                using (var mapped = new MappedMemory(16 * 1024))
                {
                    int n = await ring.ReadAsync(handle, mapped.Memory.Slice(100, 8192), 1000);
                    if (n != 8192 || !mapped.GetSpan().Slice(100, 8192).SequenceEqual(file.Content.AsSpan(1000, 8192)))
                    {
                        wrong.Add($"round {round}: file read into a mapping returned {n}");
                    }
                }

                // A pipe read that completes, then one ended by each kind of cancel; unmapped after each await, then
                // a byte written to the pipe must stay there (a read still armed would take it, or fault).
                using var pipe = new RawPipe();
                using (var mapped = new MappedMemory(4096))
                {
                    Task<int> read = ring.ReadAsync(pipe.Read, mapped.Memory[..64]).AsTask();
                    await Hostile.UntilPending(ring);
                    pipe.Put(1, 2, 3);
                    int n = await Hostile.Within(read, ring, "pipe read into a mapping");
                    if (n <= 0 || mapped.GetSpan()[0] != 1)
                    {
                        wrong.Add($"round {round}: pipe read into a mapping returned {n}");
                    }

                    Sys.Take(pipe.Read, 8);
                }

                for (int kind = 0; kind < 3; kind++)
                {
                    using var cts = new CancellationTokenSource();
                    var mapped = new MappedMemory(4096);
                    Task<int> read = ring.ReadAsync(pipe.Read, mapped.Memory[..64], kind == 0 ? cts.Token : default).AsTask();
                    await Hostile.UntilPending(ring);
                    switch (kind)
                    {
                        case 0: cts.Cancel(); break;
                        case 1: ring.CancelAll(); break;
                        default: ring.CancelByFd(pipe.Read); break;
                    }

                    try
                    {
                        int n = await Hostile.Within(read, ring, $"cancelled pipe read ({kind})");
                        wrong.Add($"round {round}: cancelled read {kind} returned {n} from an empty pipe");
                    }
                    catch (OperationCanceledException)
                    {
                    }

                    ((IDisposable)mapped).Dispose(); // munmap at once
                    pipe.Put(9);
                    if (pipe.Pending != 1)
                    {
                        wrong.Add($"round {round}: after cancel {kind} and munmap, the byte written to the pipe was taken");
                    }

                    Sys.Take(pipe.Read, 8);
                }
            }
        });

        Assert.True(wrong.Count == 0, $"{backend} {mode}:\n" + string.Join("\n", wrong.Take(12)));
        Assert.Equal(0, ring.InFlightCount);
    }
}
