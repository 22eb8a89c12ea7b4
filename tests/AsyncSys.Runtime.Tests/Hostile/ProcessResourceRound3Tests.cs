using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Process-wide resources run out while operations are in flight: the descriptor limit (RLIMIT_NOFILE, lowered in a
/// child process: the limit is the whole process's) and the .NET thread pool (starved and capped, also in a child: the
/// pool's settings are process-wide). docs/backends.md: "a process at its descriptor limit gets ErrnoException EMFILE
/// from an operation that would have waited" (workers); accept and open fail with the kernel's EMFILE; docs/reliability.md:
/// the pool must be prepared (its threads started and capped) before a window without descriptors.
/// </summary>
public sealed class ProcessResourceRound3Tests
{
    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    [InlineData(IoBackend.Workers)]
    public async Task At_the_descriptor_limit_accept_open_and_waiting_reads_fail_with_EMFILE_while_operations_in_flight_still_complete(IoBackend backend)
    {
        var run = await Child.Run($"nofile:{backend}", 90, ("DOTNET_TieredCompilation", "0"));
        Child.AssertPassed(run, $"descriptor limit on {backend}");
    }

    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    [InlineData(IoBackend.Workers)]
    public async Task Completions_waiting_for_a_starved_thread_pool_arrive_once_it_frees_up_and_blocking_calls_never_deadlock_it(IoBackend backend)
    {
        var run = await Child.Run($"starve:{backend}", 90);
        Child.AssertPassed(run, $"thread-pool starvation on {backend}");
    }

    /// <summary>Starts the pool's threads and caps the pool at them, so it never needs a thread in a window without descriptors.</summary>
    private static void PreparePool(int threads)
    {
        ThreadPool.SetMinThreads(threads, threads);
        using (var gate = new Barrier(threads + 1))
        {
            for (int i = 0; i < threads; i++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(_ => gate.SignalAndWait(), null);
            }

            gate.SignalAndWait();
        }

        int started = Math.Max(threads, ThreadPool.ThreadCount);
        ThreadPool.SetMinThreads(started, started);
        ThreadPool.SetMaxThreads(started, started);
    }

    internal static unsafe int NoFileChild(IoBackend backend)
    {
        PreparePool(8);
        using IoRing ring = IoRing.Create(new IoRingOptions { Backend = backend, MaxWorkerThreads = 4, TryNonBlockingFirst = false, RunShortBlockingCallsOnCaller = false });

        // Start the ring's workers while descriptors are still free (a worker that cannot start is a documented
        // pthread_create EAGAIN, not what this test is about).
        Task.WaitAll(Enumerable.Range(0, 4).Select(_ => ring.RunBlockingAsync(0, static (ref int _) =>
        {
            Thread.Sleep(50);
            return 0;
        }).AsTask()).ToArray());

        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(16);
        int listenerFd = (int)listener.SafeHandle.DangerousGetHandle();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var secondClient = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var thirdClient = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var waitingPipe = new RawPipe();
        using var laterPipe = new RawPipe();
        var buffer = new byte[4];
        Task<int> inFlightRead = ring.ReadAsync(waitingPipe.Read, buffer).AsTask();
        Task<int> inFlightAccept = ring.AcceptAsync(listenerFd).AsTask();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (ring.GetInFlightOperations().Count(o => o.State is InFlightState.OnRing or InFlightState.OnWorker) < 2 && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            Thread.Sleep(1);
        }

        // Off the kernel ring an operation takes its duplicate when it parks, not when it is listed (a read listed
        // OnWorker but not yet parked when the limit came got EMFILE, as documented, in one run of five): wait until
        // both duplicates exist (the pipe's two ends and the read's copy; the listener and the accept's).
        if (backend != IoBackend.IoUring)
        {
            string pipeFile = Sys.Descriptors(Environment.ProcessId)[waitingPipe.Read], listenerFile = Sys.Descriptors(Environment.ProcessId)[listenerFd];
            while (clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                var files = Sys.Descriptors(Environment.ProcessId).Values.ToList();
                if (files.Count(f => f == pipeFile) >= 3 && files.Count(f => f == listenerFile) >= 2)
                {
                    break;
                }

                Thread.Sleep(1);
            }
        }

        Child.Expect(!inFlightRead.IsCompleted && !inFlightAccept.IsCompleted, "a read and an accept are in flight before the limit");

        // Lower the limit to just above the highest descriptor, then take what is left.
        int highest = Sys.Descriptors(Environment.ProcessId).Keys.Max();
        ulong* limits = stackalloc ulong[2];
        Sys.Check(Sys.getrlimit(Sys.RLIMIT_NOFILE, limits), "getrlimit");
        ulong hard = limits[1];
        limits[0] = (ulong)highest + 33;
        Sys.Check(Sys.setrlimit(Sys.RLIMIT_NOFILE, limits), "setrlimit");
        var fillers = new List<int>();

        // Takes every descriptor left. Called again before each step: a step that ends an operation can free one (off
        // the kernel ring a waiting operation holds a duplicate of its descriptor until it ends: docs/backends.md).
        void Fill()
        {
            while (true)
            {
                int fd = Sys.open("/dev/null", Sys.O_RDONLY | Sys.O_CLOEXEC, 0);
                if (fd < 0)
                {
                    break;
                }

                fillers.Add(fd);
            }
        }

        Fill();
        Child.Expect(Sys.open("/dev/null", Sys.O_RDONLY | Sys.O_CLOEXEC, 0) < 0 && Sys.LastErrno == "EMFILE", "the filler stops at EMFILE");

        // --- No descriptor left. ---
        client.Connect(listener.LocalEndPoint!);
        string accepted = Child.Outcome(inFlightAccept);
        if (backend == IoBackend.IoUring)
        {
            // io_uring's accept takes the descriptor limit in force when it was submitted (io_accept_prep reads
            // rlimit(RLIMIT_NOFILE)), so an accept submitted before the limit may still get a descriptor: the kernel's answer.
            Child.Expect(accepted == "EMFILE" || accepted.StartsWith("result ", StringComparison.Ordinal), "an accept in flight when a connection arrives with no descriptor left (io_uring): " + accepted);
            if (inFlightAccept.IsCompletedSuccessfully)
            {
                fillers.Add(inFlightAccept.Result);
            }
        }
        else
        {
            Child.Expect(accepted == "EMFILE", "an accept in flight when a connection arrives with no descriptor left: " + accepted);
        }

        Fill();
        secondClient.Connect(listener.LocalEndPoint!);
        string acceptNow = Child.Outcome(ring.AcceptAsync(listenerFd).AsTask());
        Child.Expect(acceptNow == "EMFILE", "a new accept with a connection queued and no descriptor left: " + acceptNow);

        Fill();
        string open = Child.Outcome(ring.OpenAtAsync(IoRing.AtCurrentDirectory, "/dev/null", OpenFlags.ReadOnly | OpenFlags.CloseOnExec).AsTask());
        Child.Expect(open == "EMFILE", "openat with no descriptor left: " + open);

        Fill();
        // A read that must wait: on io_uring the kernel holds the file (no descriptor needed); off the kernel ring the
        // wait holds a duplicate of the descriptor, and docs/backends.md promises EMFILE for it.
        var laterBuffer = new byte[4];
        Task<int> laterRead = ring.ReadAsync(laterPipe.Read, laterBuffer).AsTask();
        string later = Child.Outcome(laterRead, 2);
        if (backend == IoBackend.IoUring)
        {
            Child.Expect(later == "hung", "a read that must wait, io_uring, no descriptor left: still waiting (" + later + ")");
        }
        else
        {
            Child.Expect(later == "EMFILE", $"a read that must wait, {backend}, no descriptor left: " + later);
        }

        // The read that was in flight before the limit still gets its byte.
        waitingPipe.Put(7);
        string early = Child.Outcome(inFlightRead);
        Child.Expect(early == "result 1" && buffer[0] == 7, "the read in flight before the limit: " + early);

        string nop = Child.Outcome(ring.NopAsync().AsTask().ContinueWith(t => { t.GetAwaiter().GetResult(); return 0; }, TaskScheduler.Default));
        Child.Expect(nop == "result 0", "a nop with no descriptor left: " + nop);

        // --- Descriptors back. ---
        foreach (int fd in fillers)
        {
            Sys.close(fd);
        }

        limits[0] = hard;
        Sys.setrlimit(Sys.RLIMIT_NOFILE, limits);
        thirdClient.Connect(listener.LocalEndPoint!);
        Task<int> acceptAfter = ring.AcceptAsync(listenerFd).AsTask();
        string after = Child.Outcome(acceptAfter);
        Child.Expect(after.StartsWith("result ", StringComparison.Ordinal), "the queued connection is accepted once descriptors are free: " + after);
        if (acceptAfter.IsCompletedSuccessfully)
        {
            Sys.close(acceptAfter.Result);
        }

        if (backend == IoBackend.IoUring)
        {
            laterPipe.Put(9);
            string late = Child.Outcome(laterRead);
            Child.Expect(late == "result 1" && laterBuffer[0] == 9, "the read that waited through the limit gets its byte: " + late);
        }

        string reopened = Child.Outcome(ring.OpenAtAsync(IoRing.AtCurrentDirectory, "/dev/null", OpenFlags.ReadOnly | OpenFlags.CloseOnExec).AsTask());
        Child.Expect(reopened.StartsWith("result ", StringComparison.Ordinal), "openat once descriptors are free: " + reopened);
        Child.Expect(ring.InFlightCount == 0, "nothing left in flight: " + Hostile.Describe(ring));
        Console.WriteLine("DONE");
        return 0;
    }

    /// <summary>A one-byte read of <see cref="Fd"/> on a blocking call.</summary>
    public struct ByteRead
    {
        public int Fd;
    }

    private static unsafe long ReadByte(ref ByteRead call)
    {
        byte b;
        nint n = Sys.read(call.Fd, &b, 1);
        return n == 1 ? b : -1;
    }

    internal static int StarveChild(IoBackend backend)
    {
        foreach (DeliveryMode mode in new[] { DeliveryMode.Pool, DeliveryMode.PoolTryFirst, DeliveryMode.Inline })
        {
            StarvedPool(backend, mode);
            SyncOverAsyncOnPool(backend, mode);
        }

        SyncOverAsyncOnPoolWithAHook(backend);

        Console.WriteLine("DONE");
        return 0;
    }

    /// <summary>
    /// Every pool thread is blocked (the pool capped at them) while reads and blocking calls complete: their
    /// completions must wait for the pool, and all arrive, with their own bytes, once it frees up.
    /// </summary>
    private static void StarvedPool(IoBackend backend, DeliveryMode mode)
    {
        const int Blockers = 4;
        using IoRing ring = Hostile.Create(backend, mode);
        ThreadPool.SetMinThreads(1, 1);
        ThreadPool.SetMaxThreads(64, 64);
        using var release = new ManualResetEventSlim();
        int blocked = 0;
        for (int i = 0; i < Blockers; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                Interlocked.Increment(ref blocked);
                release.Wait();
            }, null);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Volatile.Read(ref blocked) < Blockers && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            Thread.Sleep(5);
        }

        ThreadPool.SetMaxThreads(Math.Max(Blockers, ThreadPool.ThreadCount), Math.Max(Blockers, ThreadPool.ThreadCount));

        // From this (non-pool) thread: 48 reads that wait, and 16 blocking calls.
        var pipes = Enumerable.Range(0, 64).Select(_ => new RawPipe()).ToArray();
        var buffers = new byte[48][];
        var reads = new Task<int>[48];
        for (int i = 0; i < reads.Length; i++)
        {
            buffers[i] = new byte[1];
            reads[i] = ring.ReadAsync(pipes[i].Read, buffers[i]).AsTask();
        }

        var calls = new Task<BlockingResult<ByteRead>>[16];
        for (int i = 0; i < calls.Length; i++)
        {
            calls[i] = ring.RunBlockingAsync(new ByteRead { Fd = pipes[48 + i].Read }, static (ref ByteRead c) => ReadByte(ref c)).AsTask();
        }

        for (int i = 0; i < pipes.Length; i++)
        {
            pipes[i].Put((byte)(i + 1));
        }

        // Let the completions reach the pool's queue while it has no thread for them (no assertion on time).
        Thread.Sleep(200);
        release.Set();
        ThreadPool.SetMaxThreads(64, 64);

        bool all = Task.WaitAll(reads.Cast<Task>().Concat(calls).ToArray(), TimeSpan.FromSeconds(25));
        string what = $"{backend} {mode}: starved pool";
        Child.Expect(all, $"{what}: every read and blocking call ended once the pool freed up; in flight {Hostile.Describe(ring)}");
        if (all)
        {
            int wrong = Enumerable.Range(0, reads.Length).Count(i => !reads[i].IsCompletedSuccessfully || reads[i].Result != 1 || buffers[i][0] != (byte)(i + 1));
            wrong += Enumerable.Range(0, calls.Length).Count(i => !calls[i].IsCompletedSuccessfully || calls[i].Result.Value != (byte)(48 + i + 1));
            Child.Expect(wrong == 0, $"{what}: each got its own byte ({wrong} wrong)");
        }

        Child.Expect(pipes.All(p => p.Pending == 0), $"{what}: no byte left behind");
        foreach (RawPipe pipe in pipes)
        {
            pipe.Dispose();
        }
    }

    /// <summary>
    /// Pool threads (min threads 1) each waiting synchronously for RunBlockingAsync calls with a cancel hook from a site
    /// trusted as short, which run on a thread-pool work item rather than on their caller: the pool must grow for the
    /// blocked threads, as it does for any work item, and every call end with its own byte. (A pool capped at the
    /// threads that wait this way cannot finish any call that completes on the pool, hooked or not, as with any .NET
    /// asynchronous API: docs/reliability.md.)
    /// </summary>
    private static void SyncOverAsyncOnPoolWithAHook(IoBackend backend)
    {
        using IoRing ring = IoRing.Create(new IoRingOptions { Backend = backend });
        BlockingCall<ByteRead> site = static (ref ByteRead c) => ReadByte(ref c);
        BlockingCancelHook hook = static info => info.InterruptWorker();
        using (var warm = new RawPipe())
        {
            for (int k = 0; k < 3 * Operations.ShortBlockingCalls.ShortRunsNeeded; k++)
            {
                warm.Put((byte)k);
                ring.RunBlockingAsync(new ByteRead { Fd = warm.Read }, site, hook).AsTask().GetAwaiter().GetResult();
            }
        }

        ThreadPool.SetMinThreads(1, 1);
        const int threads = 8, Calls = 40;
        var pipes = Enumerable.Range(0, threads).Select(_ => new RawPipe()).ToArray();
        int wrong = 0;
        var finished = new CountdownEvent(threads);
        for (int i = 0; i < threads; i++)
        {
            int item = i;
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                try
                {
                    for (int k = 0; k < Calls; k++)
                    {
                        pipes[item].Put((byte)(k + 1));
                        long v = ring.RunBlockingAsync(new ByteRead { Fd = pipes[item].Read }, site, hook).AsTask().GetAwaiter().GetResult().Value;
                        if (v != k + 1)
                        {
                            Interlocked.Increment(ref wrong);
                        }
                    }
                }
                catch (Exception ex)
                {
                    Console.WriteLine($"capped pool with a hook: {ex}");
                    Interlocked.Increment(ref wrong);
                }
                finally
                {
                    finished.Signal();
                }
            }, null);
        }

        bool all = finished.Wait(TimeSpan.FromSeconds(25));
        string what = $"{backend}: {threads} pool threads, each waiting synchronously for calls with a hook";
        Child.Expect(all, $"{what}: every thread finished its calls; in flight {Hostile.Describe(ring)}");
        if (all)
        {
            Child.Expect(wrong == 0, $"{what}: each call got its own byte ({wrong} wrong)");
            foreach (RawPipe pipe in pipes)
            {
                pipe.Dispose();
            }
        }
    }

    /// <summary>
    /// Pool threads that wait synchronously for RunBlockingAsync and for reads (sync over async, min threads 1): the
    /// calls must end (the pool grows as .NET grows it for blocked threads); the ring must never need the blocked
    /// threads themselves.
    /// </summary>
    private static void SyncOverAsyncOnPool(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        ThreadPool.SetMinThreads(1, 1);
        const int Items = 8, Calls = 40;
        var pipes = Enumerable.Range(0, Items).Select(_ => new RawPipe()).ToArray();
        int done = 0, wrong = 0;
        var finished = new CountdownEvent(Items);
        for (int i = 0; i < Items; i++)
        {
            int item = i;
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                try
                {
                    for (int k = 0; k < Calls; k++)
                    {
                        pipes[item].Put((byte)k, (byte)(k + 1));
                        long v = ring.RunBlockingAsync(new ByteRead { Fd = pipes[item].Read }, static (ref ByteRead c) => ReadByte(ref c)).AsTask().GetAwaiter().GetResult().Value;
                        var one = new byte[1];
                        int n = ring.ReadAsync(pipes[item].Read, one).AsTask().GetAwaiter().GetResult();
                        if (v != (byte)k || n != 1 || one[0] != (byte)(k + 1))
                        {
                            Interlocked.Increment(ref wrong);
                        }

                        Interlocked.Increment(ref done);
                    }
                }
                catch (Exception e)
                {
                    Console.WriteLine($"FAIL {backend} {mode}: sync over async threw {e.GetType().Name}: {e.Message}");
                    Interlocked.Increment(ref wrong);
                }
                finally
                {
                    finished.Signal();
                }
            }, null);
        }

        bool ended = finished.Wait(TimeSpan.FromSeconds(25));
        Child.Expect(ended && Volatile.Read(ref wrong) == 0 && Volatile.Read(ref done) == Items * Calls, $"{backend} {mode}: sync over async on the pool: {done} of {Items * Calls} calls, {wrong} wrong; in flight {Hostile.Describe(ring)}");
        if (ended)
        {
            foreach (RawPipe pipe in pipes)
            {
                pipe.Dispose();
            }
        }
    }
}
