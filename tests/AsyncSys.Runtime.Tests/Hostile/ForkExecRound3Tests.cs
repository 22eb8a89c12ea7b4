using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Child processes started (fork and exec, by Process.Start) while operations are in flight. A child must inherit none
/// of the ring's descriptors (the ring, its wake-ups, the duplicates a waiting operation holds off the kernel ring,
/// accepted sockets: docs/reliability.md, "AcceptAsync returns a close-on-exec socket by default"), read from
/// /proc/CHILD/fd after its exec; a descriptor the user made inheritable must be there (so the check can fail). A
/// child that inherits a pipe's write end and exits ends a read waiting on the other end (its bytes, then end of
/// file). Reads completing while children are started keep their bytes.
/// </summary>
public sealed class ForkExecRound3Tests
{
    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    [InlineData(IoBackend.Workers)]
    public async Task A_child_started_while_operations_are_in_flight_inherits_none_of_the_rings_descriptors_nor_accepted_sockets(IoBackend backend)
    {
        var run = await Child.Run($"exec:{backend}", 90);
        Child.AssertPassed(run, $"inheritance on {backend}");
    }

    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    [InlineData(IoBackend.Workers)]
    public async Task A_child_holding_a_pipes_write_end_that_exits_ends_the_read_waiting_on_the_other_end(IoBackend backend)
    {
        var run = await Child.Run($"pipe-end:{backend}", 90);
        Child.AssertPassed(run, $"inherited pipe end on {backend}");
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Reads_completing_while_children_are_started_keep_their_bytes(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        var ledger = new Ledger();
        await Hostile.Run(ring, mode, async () =>
        {
            for (int round = 0; round < Hostile.Rounds(4, 40); round++)
            {
                var pipes = Enumerable.Range(0, 16).Select(_ => new RawPipe()).ToArray();
                var buffers = pipes.Select(_ => new byte[64]).ToArray();
                var reads = Enumerable.Range(0, pipes.Length).Select(i => ledger.Track(() => ring.ReadAsync(pipes[i].Read, buffers[i]), "read")).ToArray();

                // Start the children off this thread (Process.Start blocks until the exec; on the ring thread that
                // would hold every completion meanwhile, which is allowed but not what this checks).
                Task children = Task.Run(async () =>
                {
                    for (int k = 0; k < 3; k++)
                    {
                        using Process child = Process.Start(new ProcessStartInfo("/bin/true") { UseShellExecute = false })!;
                        await child.WaitForExitAsync();
                    }
                });
                for (int i = 0; i < pipes.Length; i++)
                {
                    pipes[i].Put(Sys.Pattern(64, (round * 16) + i));
                    await Task.Yield();
                }

                var endings = await Hostile.Within(Task.WhenAll(reads), ring, "reads while children start");
                await Hostile.Within(children, ring, "the children");
                for (int i = 0; i < pipes.Length; i++)
                {
                    // A pipe read may be short; what it got must be the start of what was written, and the rest still there.
                    Assert.Equal(Ending.Result, endings[i].Ending);
                    Assert.True(endings[i].Value > 0);
                    Assert.Equal(Sys.Pattern(64, (round * 16) + i).AsSpan(0, endings[i].Value).ToArray(), buffers[i].AsSpan(0, endings[i].Value).ToArray());
                    Assert.Equal(64 - endings[i].Value, pipes[i].Pending);
                    pipes[i].Dispose();
                }
            }
        });

        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);
    }

    /// <summary>Starts /bin/sleep, waits for its exec, and returns what it inherited (above 2), then kills it.</summary>
    private static Dictionary<int, string> WhatAChildInherits()
    {
        using Process child = Process.Start(new ProcessStartInfo("/bin/sleep", "30") { UseShellExecute = false })!;
        try
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                string? exe = null;
                try
                {
                    exe = new FileInfo($"/proc/{child.Id}/exe").LinkTarget;
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }

                if (exe is not null && exe.Contains("sleep", StringComparison.Ordinal))
                {
                    return Sys.Descriptors(child.Id);
                }

                Thread.Sleep(1);
            }

            throw new InvalidOperationException("the child never reached its exec");
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }
    }

    internal static unsafe int InheritChild(IoBackend backend)
    {
        foreach (DeliveryMode mode in new[] { DeliveryMode.Pool, DeliveryMode.Inline })
        {
            // Everything the process holds before the ring and the test's objects exist.
            var before = Sys.Descriptors(Environment.ProcessId).Keys.ToHashSet();
            using IoRing ring = Hostile.Create(backend, mode);
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(16);
            int listenerFd = (int)listener.SafeHandle.DangerousGetHandle();
            var clients = Enumerable.Range(0, 4).Select(_ => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)).ToArray();
            foreach (Socket client in clients.Take(3))
            {
                client.Connect(listener.LocalEndPoint!);
            }

            int acceptedDefault = ring.AcceptAsync(listenerFd).AsTask().GetAwaiter().GetResult();
            Socket acceptedSocket = ring.AcceptAsync(listener).AsTask().GetAwaiter().GetResult();
            int acceptedInheritable = ring.AcceptAsync(listenerFd, 0).AsTask().GetAwaiter().GetResult();

            // In flight: a read on an idle pipe, a write into a full pipe, an accept with no connection, a poll.
            using var idle = new RawPipe();
            using var full = new RawPipe();
            Sys.fcntl(full.Write, 4 /* F_SETFL */, Sys.O_NONBLOCK);
            var chunk = new byte[4096];
            fixed (byte* p = chunk)
            {
                while (Sys.write(full.Write, p, (nuint)chunk.Length) > 0)
                {
                }
            }

            Sys.fcntl(full.Write, 4, 0);
            Task<int> read = ring.ReadAsync(idle.Read, new byte[1]).AsTask();
            Task<int> write = ring.WriteAtMostAsync(full.Write, new byte[8192]).AsTask();
            Task<int> accept = ring.AcceptAsync(listenerFd).AsTask();
            Task<PollEvents> poll = ring.PollAsync(idle.Read, PollEvents.In).AsTask();
            var clock = Stopwatch.StartNew();
            while (ring.GetInFlightOperations().Count(o => o.State is InFlightState.OnRing or InFlightState.OnWorker) < 4 && clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                Thread.Sleep(1);
            }

            Child.Expect(!read.IsCompleted && !write.IsCompleted && !accept.IsCompleted && !poll.IsCompleted, $"{backend} {mode}: four operations in flight: {Hostile.Describe(ring)}");

            // The control: a pipe the user made inheritable on purpose.
            using var inheritable = new RawPipe(flags: 0);
            var allowed = new HashSet<int>(before) { inheritable.Read, inheritable.Write, acceptedInheritable };

            for (int child = 0; child < 3; child++)
            {
                Dictionary<int, string> inherited = WhatAChildInherits();
                var leaked = inherited.Where(kv => !allowed.Contains(kv.Key)).Select(kv => $"{kv.Key} -> {kv.Value}").ToArray();
                Child.Expect(leaked.Length == 0, $"{backend} {mode} child {child}: inherited nothing of the ring's: " + string.Join(", ", leaked));
                Child.Expect(inherited.ContainsKey(inheritable.Read) && inherited.ContainsKey(inheritable.Write) && inherited.ContainsKey(acceptedInheritable), $"{backend} {mode} child {child}: inherited the descriptors made inheritable on purpose (the check works)");
                Child.Expect(!inherited.ContainsKey(acceptedDefault) && !inherited.ContainsKey((int)acceptedSocket.SafeHandle.DangerousGetHandle()), $"{backend} {mode} child {child}: accepted sockets are not inherited");
            }

            // The operations in flight are untouched by the children. Two bytes: the read takes one, and the poll must
            // still find one when it looks (io_uring re-polls the pipe after the wake-up; with one byte, a read that ran
            // first left it empty and the poll waited on: a CI run, Inline mode).
            idle.Put(5, 6);
            Child.Expect(Child.Outcome(read) == "result 1", $"{backend} {mode}: the waiting read got its byte");
            Child.Expect(poll.Wait(TimeSpan.FromSeconds(20)) && poll.Result.HasFlag(PollEvents.In), $"{backend} {mode}: the poll saw it");
            clients[3].Connect(listener.LocalEndPoint!);
            string accepted = Child.Outcome(accept);
            Child.Expect(accepted.StartsWith("result ", StringComparison.Ordinal), $"{backend} {mode}: the waiting accept got its connection: {accepted}");
            Child.Expect(Sys.Take(full.Read, 65536).Length > 0 && Child.Outcome(write).StartsWith("result ", StringComparison.Ordinal), $"{backend} {mode}: the waiting write went through once there was room");
            if (accept.IsCompletedSuccessfully)
            {
                Sys.close(accept.Result);
            }

            Sys.close(acceptedDefault);
            Sys.close(acceptedInheritable);
            acceptedSocket.Dispose();
            foreach (Socket client in clients)
            {
                client.Dispose();
            }
        }

        Console.WriteLine("DONE");
        return 0;
    }

    internal static int PipeEndChild(IoBackend backend)
    {
        foreach (DeliveryMode mode in new[] { DeliveryMode.Pool, DeliveryMode.PoolTryFirst, DeliveryMode.Inline, DeliveryMode.RingContext })
        {
            using IoRing ring = Hostile.Create(backend, mode);
            foreach (bool writes in new[] { true, false })
            {
                // Read end close-on-exec, write end inheritable.
                (int r, int w) = Sys.Pipe(0);
                Sys.fcntl(r, Sys.F_SETFD, Sys.FD_CLOEXEC);
                var buffer = new byte[16];
                string outcome = "";
                Task scenario = Hostile.Run(ring, mode, async () =>
                {
                    var read = ring.ReadAsync(r, buffer).AsTask();
                    string script = writes ? $"printf abc > /proc/self/fd/{w}" : "exit 0";
                    Process child = await Task.Run(() => Process.Start(new ProcessStartInfo("/bin/sh") { UseShellExecute = false, ArgumentList = { "-c", script } })!);
                    Sys.close(w);
                    int first = await read;
                    int second = writes ? await ring.ReadAsync(r, buffer.AsMemory(first)) : -1;
                    await Task.Run(() => child.WaitForExit());
                    child.Dispose();
                    outcome = $"{first} {second} {System.Text.Encoding.ASCII.GetString(buffer, 0, writes ? first : 0)}";
                });
                string ended;
                try
                {
                    ended = scenario.Wait(TimeSpan.FromSeconds(40)) ? "ended" : "hung";
                }
                catch (AggregateException e)
                {
                    ended = e.InnerException!.Message;
                }

                string expected = writes ? "3 0 abc" : "0 -1 ";
                Child.Expect(ended == "ended" && outcome == expected, $"{backend} {mode} child {(writes ? "writes and exits" : "exits")}: {ended}, got '{outcome}', expected '{expected}'");
                Sys.close(r);
            }
        }

        Console.WriteLine("DONE");
        return 0;
    }
}
