using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Round 8: the durability calls a storage engine makes (fsync, fdatasync, sync_file_range, fallocate, ftruncate)
/// racing writes, direct writes, truncation and <c>CancelAll</c> on the same file, their errno on descriptors they do
/// not fit, and the metrics adding up once all of it has ended.
/// </summary>
public sealed class DurabilityRound8Tests
{
    private const int SyncWrite = Sys.SYNC_FILE_RANGE_WRITE;

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Durability_calls_give_the_plain_calls_errno_on_a_closed_descriptor_a_pipe_and_a_read_only_file(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        using var events = new AsyncSysEvents();
        using var file = new TempFile(8192);
        using var pipe = new RawPipe();
        int readOnly = Sys.Check(Sys.open(file.Path, Sys.O_RDONLY | Sys.O_CLOEXEC, 0), "open(O_RDONLY)");
        var wrong = new List<string>();
        int calls = 0;

        try
        {
            var targets = new (string Name, int Fd)[]
            {
                ("a closed descriptor", BadDescriptorTests.ClosedNumber()),
                ("a pipe's read end", pipe.Read),
                ("a pipe's write end", pipe.Write),
                ("a read-only file", readOnly),
            };
            var operations = new (string Syscall, Func<int, int> Plain, Func<int, ValueTask> OnRing)[]
            {
                ("fsync", fd => Sys.ErrnoOf(Sys.fsync(fd)), fd => ring.FsyncAsync(fd)),
                ("fdatasync", fd => Sys.ErrnoOf(Sys.fdatasync(fd)), fd => ring.FdatasyncAsync(fd)),
                ("sync_file_range", fd => Sys.ErrnoOf(Sys.sync_file_range(fd, 0, 4096, SyncWrite)), async fd => await ring.SubmitAsync(RingRequest.SyncFileRange(fd, 0, 4096, SyncWrite))),
                ("fallocate", fd => Sys.ErrnoOf(Sys.fallocate(fd, 0, 0, 4096)), fd => ring.FallocateAsync(fd, 0, 0, 4096)),
                ("ftruncate", fd => Sys.ErrnoOf(Sys.ftruncate(fd, 4096)), fd => ring.FtruncateAsync(fd, 4096)),
            };

            await Hostile.Run(ring, mode, async () =>
            {
                foreach ((string target, int fd) in targets)
                {
                    foreach ((string syscall, Func<int, int> plain, Func<int, ValueTask> onRing) in operations)
                    {
                        int expected = plain(fd);
                        int got = 0;
                        string named = syscall;
                        calls++;
                        try
                        {
                            await Hostile.Within(onRing(fd).AsTask(), ring, $"{syscall} on {target}");
                        }
                        catch (ErrnoException e)
                        {
                            got = e.Errno;
                            named = e.Syscall;
                            if (!e.Message.Contains(e.ErrnoName, StringComparison.Ordinal))
                            {
                                wrong.Add($"{syscall} on {target}: the message does not name {e.ErrnoName}: {e.Message}");
                            }
                        }

                        if (got != expected || named != syscall)
                        {
                            wrong.Add($"{syscall} on {target}: the ring gave {(got == 0 ? "0" : Errno.NameOf(got))} naming {named}, the plain call {(expected == 0 ? "0" : Errno.NameOf(expected))}");
                        }
                    }
                }
            });
        }
        finally
        {
            Sys.close(readOnly);
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        // Nothing moved the read-only file.
        Assert.Equal(file.Content, File.ReadAllBytes(file.Path));
        Assert.Equal(0, ring.InFlightCount);
        Assert.Equal(calls, counts["asyncsys.ops.submitted"]);
        Assert.Equal(counts["asyncsys.ops.submitted"], counts["asyncsys.ops.completed"] + counts["asyncsys.ops.failed"]);
        // Each failure is reported once as an OperationFailed event (2) naming the errno, and counted once.
        var failedEvents = events.Events.Where(e => e.Id == 2 && e.Payload.Any(p => Equals(p, ring.Name))).ToArray();
        Assert.Equal(counts["asyncsys.ops.failed"], failedEvents.Length);
        Assert.All(failedEvents, e => Assert.Contains(e.Payload, p => p is string name && name.StartsWith('E') && name.Length > 2));
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Durability_calls_racing_writes_truncation_and_CancelAll_on_one_file_end_once_and_the_metrics_add_up(IoBackend backend, DeliveryMode mode)
    {
        const int Span = 1 << 20, Block = 4096;
        string path = Path.Combine(Path.GetTempPath(), "asyncsys-r8-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(path, Sys.DirectPatternBytes(Span, 1));
        using IoRing ring = Hostile.Create(backend, mode, capacity: 32);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        var ledger = new Ledger();
        var wrong = new ConcurrentQueue<string>();
        int rounds = Hostile.Rounds(60, 1500);
        int[] perKind = new int[9];

        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
            using DirectFileHandle direct = DirectFileHandle.Open(path, OpenFlags.ReadWrite);
            int fd = (int)handle.DangerousGetHandle();
            await Hostile.Run(ring, mode, async () =>
            {
                using var stop = new CancellationTokenSource();

                async Task Check(Func<ValueTask<int>> call, string what, int kind, int expected)
                {
                    Interlocked.Increment(ref perKind[kind]);
                    (Ending ending, int value, Exception? error) = await ledger.Track(call, what);
                    // A durability call racing writes and truncation of its file succeeds; CancelAll may end it first.
                    if (ending == Ending.Result ? (expected >= 0 && value != expected) : ending != Ending.Cancelled)
                    {
                        wrong.Enqueue($"{what} ended {ending} {value}: {error?.Message}");
                    }
                }

                Task Loop(int seed, Func<Random, int, Task> body) => Task.Run(async () =>
                {
                    var random = new Random(seed);
                    for (int i = 0; i < rounds; i++)
                    {
                        await body(random, i);
                    }
                });

                byte[] record = new byte[Block];
                Task[] loops =
                {
                    Loop(1, async (r, i) =>
                    {
                        Array.Fill(record, (byte)(i + 1));
                        await Check(async () => await ring.WriteAtMostAsync(handle, record, r.Next(Span / Block) * (long)Block), "write", 0, Block);
                    }),
                    Loop(2, async (r, i) =>
                    {
                        using IMemoryOwner<byte> aligned = AlignedBufferPool.Shared.Rent(4 * Block);
                        aligned.Span().Fill((byte)(i + 7));
                        // Past the buffered region: a direct write over pages the buffered writers dirty makes the kernel
                        // fail the page cache invalidation and report EIO to the next fsync (dio_warn_stale_pagecache).
                        await Check(async () => await ring.WriteAtMostAsync(direct, aligned.Memory, Span + (r.Next(Span / Block / 4) * 4L * Block)), "direct write", 1, 4 * Block);
                    }),
                    Loop(3, async (r, i) => await Check(async () => { await ring.FtruncateAsync(handle, r.Next(Span)); return 0; }, "ftruncate", 2, 0)),
                    Loop(4, async (r, i) =>
                    {
                        int mode3 = (i % 3) switch { 0 => 0, 1 => Sys.FALLOC_FL_KEEP_SIZE, _ => Sys.FALLOC_FL_PUNCH_HOLE | Sys.FALLOC_FL_KEEP_SIZE };
                        await Check(async () => { await ring.FallocateAsync(handle, mode3, r.Next(Span / Block) * (long)Block, 8 * Block); return 0; }, $"fallocate mode {mode3}", 3, 0);
                    }),
                    Loop(5, async (r, i) =>
                    {
                        switch (i % 3)
                        {
                            case 0:
                                await Check(async () => { await ring.FsyncAsync(handle); return 0; }, "fsync", 4, 0);
                                break;
                            case 1:
                                await Check(async () => { await ring.FdatasyncAsync(handle); return 0; }, "fdatasync", 5, 0);
                                break;
                            default:
                                await Check(() => ring.SubmitAsync(RingRequest.SyncFileRange(fd, r.Next(Span / Block) * (long)Block, 16 * Block, Sys.SYNC_FILE_RANGE_WAIT_BEFORE | Sys.SYNC_FILE_RANGE_WRITE | Sys.SYNC_FILE_RANGE_WAIT_AFTER)), "sync_file_range", 6, 0);
                                break;
                        }
                    }),
                    Loop(6, async (r, i) => await Check(async () => { await ring.FsyncAsync(direct); return 0; }, "fsync of the direct handle", 7, 0)),
                };

                Task canceller = Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        ring.CancelAll();
                        await Task.Delay(2);
                    }
                });

                await Hostile.Within(Task.WhenAll(loops), ring, "the racing loops");
                stop.Cancel();
                await canceller;

                // Afterwards the file is exactly what the ring is last told: cut, rewritten, synced.
                await ring.FtruncateAsync(handle, 0);
                await ring.WriteAsync(handle, Sys.DirectPatternBytes(Span, 2), 0);
                await ring.FsyncAsync(handle);
                await ring.FdatasyncAsync(direct);
            });

            Assert.Equal(Sys.DirectPatternBytes(Span, 2), File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }

        Assert.True(wrong.IsEmpty, string.Join("\n", wrong.Take(10)));
        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);
        // Every call was admitted (no token); each ended once, as the ledger saw it; 4 more calls after the race.
        long submitted = counts["asyncsys.ops.submitted"];
        Assert.Equal(ledger.Started + 4, submitted);
        Assert.Equal(submitted, counts["asyncsys.ops.completed"] + counts["asyncsys.ops.cancelled"] + counts["asyncsys.ops.failed"]);
        Assert.Equal(0, counts["asyncsys.ops.failed"]);
        Assert.Equal(ledger[Ending.Cancelled], counts["asyncsys.ops.cancelled"]);
        Assert.Equal(ledger[Ending.Result] + 4, counts["asyncsys.ops.completed"]);
        Assert.True(counts["asyncsys.ops.immediate"] <= counts["asyncsys.ops.completed"], $"immediate {counts["asyncsys.ops.immediate"]}");
        Assert.True(counts["asyncsys.ops.offloaded"] <= submitted, $"offloaded {counts["asyncsys.ops.offloaded"]} of {submitted}");
        if (backend == IoBackend.Workers)
        {
            // Nothing here waits for readiness: every call not answered on the caller ran on a worker.
            Assert.Equal(submitted - counts["asyncsys.ops.immediate"], counts["asyncsys.ops.offloaded"]);
        }
    }
    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Each_direct_buffered_and_durability_call_is_counted_once_and_offloaded_exactly_when_a_worker_ran_it(IoBackend backend, DeliveryMode mode)
    {
        const int Size = 64 * 1024;
        using IoRing ring = Hostile.Create(backend, mode);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        string path = Path.Combine(Path.GetTempPath(), "asyncsys-r8-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(path, Sys.DirectPatternBytes(16 * Size, 8));
        var wrong = new List<string>();

        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
            using DirectFileHandle direct = DirectFileHandle.Open(path, OpenFlags.ReadWrite);
            int fd = (int)handle.DangerousGetHandle();
            using IMemoryOwner<byte> aligned = AlignedBufferPool.Shared.Rent(Size);
            byte[] buffered = new byte[Size];
            // Warm the page cache: buffered reads then complete on the caller when tried first.
            _ = File.ReadAllBytes(path);

            var calls = new (string What, RingOp Op, Func<ValueTask> Call)[]
            {
                ("direct read", RingOp.Read, async () => await ring.ReadAsync(direct, aligned.Memory, 2 * Size)),
                ("direct write", RingOp.Write, async () => await ring.WriteAtMostAsync(direct, aligned.Memory, 3 * Size)),
                ("buffered read", RingOp.Read, async () => await ring.ReadAsync(handle, buffered, 4 * Size)),
                ("buffered write", RingOp.Write, async () => await ring.WriteAtMostAsync(handle, buffered, 5 * Size)),
                ("fsync", RingOp.Fsync, () => ring.FsyncAsync(handle)),
                ("fdatasync", RingOp.Fdatasync, () => ring.FdatasyncAsync(direct)),
                ("sync_file_range", RingOp.SyncFileRange, async () => await ring.SubmitAsync(RingRequest.SyncFileRange(fd, 0, Size, SyncWrite))),
                ("fallocate", RingOp.Fallocate, () => ring.FallocateAsync(handle, Sys.FALLOC_FL_KEEP_SIZE, 0, 16 * Size)),
                ("ftruncate", RingOp.Ftruncate, () => ring.FtruncateAsync(handle, 16 * Size)),
            };

            await Hostile.Run(ring, mode, async () =>
            {
                foreach ((string what, RingOp op, Func<ValueTask> call) in calls)
                {
                    for (int i = 0; i < 4; i++)
                    {
                        long submitted = counts["asyncsys.ops.submitted"], completed = counts["asyncsys.ops.completed"];
                        long offloaded = counts["asyncsys.ops.offloaded"], immediate = counts["asyncsys.ops.immediate"];
                        await Hostile.Within(call().AsTask(), ring, what);
                        long dSubmitted = counts["asyncsys.ops.submitted"] - submitted, dCompleted = counts["asyncsys.ops.completed"] - completed;
                        long dOffloaded = counts["asyncsys.ops.offloaded"] - offloaded, dImmediate = counts["asyncsys.ops.immediate"] - immediate;
                        // Ran on the caller (immediate), on the kernel ring, or on a worker: exactly one of them. A
                        // worker ring runs everything its attempt did not answer on a worker; a kernel ring runs what
                        // it has natively on the ring (direct I/O as it is on AIO, docs/direct-io.md), except that AIO
                        // may move a buffered transfer the kernel would block on to a worker (docs/backends.md).
                        bool mayRequeue = backend == IoBackend.LinuxAio && what.StartsWith("buffered", StringComparison.Ordinal);
                        bool? onWorker = dImmediate == 1 ? false
                            : backend == IoBackend.Workers || !ring.IsNative(op) ? true
                            : mayRequeue ? null : false;
                        if (dSubmitted != 1 || dCompleted != 1 || dImmediate > 1 || (onWorker is bool expected && (dOffloaded == 1) != expected) || dOffloaded > 1)
                        {
                            wrong.Add($"{what} #{i} (native {ring.IsNative(op)}): submitted +{dSubmitted}, completed +{dCompleted}, immediate +{dImmediate}, offloaded +{dOffloaded}");
                        }

                        if (dImmediate == 1 && dOffloaded != 0)
                        {
                            wrong.Add($"{what} #{i}: completed on the caller by its attempt and also counted as run on a worker");
                        }
                    }
                }
            });
        }
        finally
        {
            File.Delete(path);
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Equal(0, ring.InFlightCount);
    }
}
