using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO.Pipes;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Descriptor lifetime under the operations that use it. docs/backends.md: "An operation that waits holds a duplicate
/// of its descriptor while it waits ... as io_uring holds the file from submission: closing the number meanwhile
/// neither ends the wait nor, if the number is reused for another file, makes it read or write that file."
/// docs/cancellation.md: a SafeHandle argument is referenced until the kernel's completion, "so closing the handle
/// meanwhile never lets its descriptor number be reused under the kernel". Checked with the number closed and reused,
/// or replaced with dup2, under waiting reads, writes, polls and accepts; SafeHandles disposed racing their operations;
/// the pipes of a child process (Process.Start) read and written through the ring; children started while rings are
/// created, busy and disposed inherit nothing of theirs.
/// </summary>
public sealed class DescriptorLifetimeRound5Tests
{
    /// <summary>
    /// Makes <paramref name="number"/> refer to a new pipe's read (or write) end: dup2 over it, or close it and duplicate the
    /// new end at the lowest free number from it (which is it, unless another thread took it meanwhile).
    /// </summary>
    private static (int NewRead, int NewWrite) Reuse(int number, bool viaDup2, bool readEnd)
    {
        (int r, int w) = Sys.Pipe();
        if (viaDup2)
        {
            Sys.Check(Sys.dup2(readEnd ? r : w, number), "dup2");
            Sys.close(readEnd ? r : w);
            return readEnd ? (number, w) : (r, number);
        }

        // Closed first, then a new pipe's end put at the lowest free number from there on (a plain open would take the
        // lowest free number of all). Another thread (another test, a ring starting) may take the number in between:
        // dup2 would then close that owner's descriptor under it, so the end goes where it lands, and a number taken
        // by someone else is no longer this test's to write to or close (the new pipe keeps its own number).
        Sys.close(number);
        int landed = Sys.Check(Sys.fcntl(readEnd ? r : w, 1030 /* F_DUPFD_CLOEXEC */, number), "fcntl(F_DUPFD_CLOEXEC)");
        Sys.close(readEnd ? r : w);
        return readEnd ? (landed, w) : (r, landed);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_waiting_read_whose_number_is_closed_and_reused_or_dup2ed_over_never_reads_the_new_file(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        var ledger = new Ledger();
        var wrong = new List<string>();
        await Hostile.Run(ring, mode, async () =>
        {
            for (int round = 0; round < Hostile.Rounds(6, 60); round++)
            {
                bool viaDup2 = round % 2 == 0;
                (int oldRead, int oldWrite) = Sys.Pipe();
                string target = Sys.Target(oldRead)!;
                int links = Sys.CountTargets(target);
                var buffer = new byte[8];
                Task<(Ending Ending, int Value, Exception? Error)> read = ledger.Track(() => ring.ReadAsync(oldRead, buffer), "read");
                await Round5.InBackendHands(ring, read, oldRead, target, links);

                (int newRead, int newWrite) = await Task.Run(() => Reuse(oldRead, viaDup2, readEnd: true));
                Sys.WriteAll(newWrite, new byte[] { (byte)'N' });
                await ring.NopAsync();
                await Task.Delay(5);
                Sys.WriteAll(oldWrite, new byte[] { (byte)'O' });

                var ending = await Hostile.Within(read, ring, $"round {round}: the read");
                bool tookNew = ending.Ending == Ending.Result && ending.Value > 0 && buffer[0] == (byte)'N';
                if (tookNew || Sys.Pending(newRead) != 1)
                {
                    wrong.Add($"round {round} ({(viaDup2 ? "dup2" : "close+reuse")}): the read on the old number read the new pipe ({ending.Ending} {ending.Value}, new pipe holds {Sys.Pending(newRead)})");
                }
                else if (!(ending.Ending == Ending.Result && ending.Value == 1 && buffer[0] == (byte)'O') && !(ending.Ending == Ending.Errno && ending.Error is ErrnoException { Errno: Errno.EBADF }))
                {
                    wrong.Add($"round {round}: neither the old pipe's byte nor a clear EBADF: {ending.Ending} {ending.Value} {ending.Error?.Message}");
                }

                Sys.close(newRead);
                Sys.close(newWrite);
                Sys.close(oldWrite);
            }
        });

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_write_waiting_for_room_whose_number_is_reused_never_writes_into_the_new_pipe(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        var ledger = new Ledger();
        var wrong = new List<string>();
        await Hostile.Run(ring, mode, async () =>
        {
            for (int round = 0; round < Hostile.Rounds(4, 40); round++)
            {
                bool viaDup2 = round % 2 == 1;
                (int oldRead, int oldWrite) = Sys.Pipe();
                string target = Sys.Target(oldWrite)!;
                int filled = Sys.Fill(oldWrite, seed: round);
                int links = Sys.CountTargets(target);
                byte[] payload = Sys.Pattern(100, 99);
                var write = ledger.Track(() => ring.WriteAtMostAsync(oldWrite, payload), "write");
                await Round5.InBackendHands(ring, write, oldWrite, target, links);

                (int newRead, int newWrite) = await Task.Run(() => Reuse(oldWrite, viaDup2, readEnd: false));
                await ring.NopAsync();

                // Make room in the old pipe: the waiting write belongs there.
                byte[] drained = Sys.TakeAll(oldRead);
                var ending = await Hostile.Within(write, ring, $"round {round}: the write");
                byte[] rest = Sys.TakeAll(oldRead);
                int inNew = Sys.Pending(newRead);
                if (inNew != 0)
                {
                    wrong.Add($"round {round} ({(viaDup2 ? "dup2" : "close+reuse")}): {inNew} bytes reached the new pipe ({ending.Ending} {ending.Value})");
                }
                else if (ending.Ending == Ending.Result)
                {
                    // The write may land while the drain runs: the old pipe's whole stream is the filling, then the write.
                    byte[] stream = drained.Concat(rest).ToArray();
                    byte[] expected = Enumerable.Range(0, filled).Select(i => Sys.PatternByte(i, round)).Concat(payload.Take(ending.Value)).ToArray();
                    if (!stream.SequenceEqual(expected))
                    {
                        wrong.Add($"round {round}: the old pipe holds {stream.Length} bytes, expected {filled}+{ending.Value}");
                    }
                }
                else if (!(ending.Error is ErrnoException { Errno: Errno.EBADF }))
                {
                    wrong.Add($"round {round}: {ending.Ending} {ending.Error?.Message}");
                }

                Sys.close(newRead);
                Sys.close(newWrite);
                Sys.close(oldRead);
            }
        });

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        ledger.AssertEachEndedOnce();
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_poll_and_an_accept_whose_numbers_are_dup2ed_over_never_answer_for_the_new_file(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        var ledger = new Ledger();
        using var first = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var second = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        foreach (Socket l in new[] { first, second })
        {
            l.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            l.Listen(8);
        }

        var wrong = new List<string>();
        await Hostile.Run(ring, mode, async () =>
        {
            for (int round = 0; round < Hostile.Rounds(3, 30); round++)
            {
                // The poll: an idle pipe's read end, replaced by a pipe that holds a byte.
                (int oldRead, int oldWrite) = Sys.Pipe();
                string pipeTarget = Sys.Target(oldRead)!;
                int links = Sys.CountTargets(pipeTarget);
                var poll = ledger.Track(async () => (int)await ring.PollAsync(oldRead, PollEvents.In), "poll");
                await Round5.InBackendHands(ring, poll, oldRead, pipeTarget, links);
                (int r, int w) = Sys.Pipe();
                Sys.WriteAll(w, new byte[] { 1 });
                Sys.Check(Sys.dup2(r, oldRead), "dup2");
                Sys.close(r);
                await ring.NopAsync();
                await Task.Delay(5);
                bool endedEarly = poll.IsCompleted;
                Sys.WriteAll(oldWrite, new byte[] { 2 });
                var pollEnding = await Hostile.Within(poll, ring, "the poll");
                if (endedEarly && pollEnding.Ending == Ending.Result && (pollEnding.Value & (int)PollEvents.In) != 0)
                {
                    wrong.Add($"round {round}: the poll answered POLLIN for the new pipe before the old one had a byte");
                }

                Sys.close(oldRead);
                Sys.close(oldWrite);
                Sys.close(w);

                // The accept: a second descriptor of the first listener, replaced by the second listener with a connection queued.
                int number = Sys.Check(Sys.dup((int)first.Handle), "dup");
                string listenerTarget = Sys.Target(number)!;
                links = Sys.CountTargets(listenerTarget);
                var accept = ledger.Track(() => ring.AcceptAsync(number), "accept");
                await Round5.InBackendHands(ring, accept, number, listenerTarget, links);
                using var queued = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await queued.ConnectAsync(second.LocalEndPoint!);
                Sys.Check(Sys.dup2((int)second.Handle, number), "dup2");
                await ring.NopAsync();
                await Task.Delay(5);
                using var mine = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await mine.ConnectAsync(first.LocalEndPoint!);
                var acceptEnding = await Hostile.Within(accept, ring, "the accept");
                if (acceptEnding.Ending == Ending.Result)
                {
                    using var accepted = new Socket(new SafeSocketHandle(acceptEnding.Value, ownsHandle: true));
                    if (((IPEndPoint)accepted.LocalEndPoint!).Port != ((IPEndPoint)first.LocalEndPoint!).Port)
                    {
                        wrong.Add($"round {round}: the accept on the first listener's old number took the second listener's connection");
                    }
                }
                else if (!(acceptEnding.Error is ErrnoException { Errno: Errno.EBADF }))
                {
                    wrong.Add($"round {round}: accept {acceptEnding.Ending} {acceptEnding.Error?.Message}");
                }

                Sys.close(number);

                // Whatever is still queued on either listener: take it, so the next round starts clean.
                foreach (Socket l in new[] { first, second })
                {
                    while (l.Poll(0, SelectMode.SelectRead))
                    {
                        l.Accept().Dispose();
                    }
                }
            }
        });

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        ledger.AssertEachEndedOnce();
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_SafeHandle_disposed_racing_its_read_never_lets_the_read_reach_a_file_that_took_its_number(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        var ledger = new Ledger();
        var wrong = new List<string>();
        await Hostile.Run(ring, mode, async () =>
        {
            for (int round = 0; round < Hostile.Rounds(24, 400); round++)
            {
                (int readFd, int writeFd) = Sys.Pipe();
                var handle = new SafeFileHandle(readFd, ownsHandle: true);
                var buffer = new byte[4];
                using var go = new Barrier(2);
                Task<(Ending Ending, int Value, Exception? Error)> read = Task.Run(() =>
                {
                    go.SignalAndWait();
                    return ledger.Track(() => ring.ReadAsync(handle, buffer), "read");
                });
                Task dispose = Task.Run(() =>
                {
                    go.SignalAndWait();
                    Thread.SpinWait(round * 37 % 2000);
                    handle.Dispose();
                });
                await Hostile.Within(dispose, ring, "the dispose");

                // New pipes that may take freed numbers, each with a byte of its own.
                var fresh = Enumerable.Range(0, 4).Select(_ => Sys.Pipe()).ToArray();
                foreach ((int r, int w) in fresh)
                {
                    Sys.WriteAll(w, new byte[] { (byte)'N' });
                }

                await Task.Delay(1);

                // EPIPE here means the handle was closed and nothing held it: the read must then have ended disposed.
                (nint put, string putErrno) = Round5.WriteOne(writeFd, (byte)'O');
                var ending = await Hostile.Within(read, ring, $"round {round}: the read");
                if (put != 1 && !(putErrno == "EPIPE" && ending.Ending == Ending.Disposed))
                {
                    wrong.Add($"round {round}: writing the old pipe's byte gave {putErrno} while the read ended {ending.Ending}");
                }

                if (ending.Ending == Ending.Result && ending.Value > 0 && buffer[0] != (byte)'O')
                {
                    wrong.Add($"round {round}: the read returned {buffer[0]}, not the old pipe's byte");
                }

                if (ending.Ending is not (Ending.Result or Ending.Disposed))
                {
                    wrong.Add($"round {round}: {ending.Ending} {ending.Error?.GetType().Name} {ending.Error?.Message}");
                }

                foreach ((int r, int w) in fresh)
                {
                    if (Sys.Pending(r) != 1)
                    {
                        wrong.Add($"round {round}: a new pipe on {r} lost its byte ({Sys.Pending(r)})");
                    }

                    Sys.close(r);
                    Sys.close(w);
                }

                // Once the read has ended the handle's descriptor is closed: the old pipe has no reader left.
                // Once the read has ended the handle's descriptor is closed, and the old pipe loses its reader when the
                // kernel drops its last reference to the file: io_uring may drop its own a moment after the completion
                // (seen in the second folder run), so this waits for it instead of asking at once.
                Sys.SetNonBlocking(writeFd, true);
                await Hostile.Until(() => Round5.WriteOne(writeFd).Errno == "EPIPE", $"round {round}: the old pipe losing its reader after the read ended");

                Sys.close(writeFd);
            }
        });

        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(20)));
        ledger.AssertEachEndedOnce();
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_socket_handle_disposed_under_waiting_receives_polls_and_reads_closes_only_after_the_last_ends(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        var ledger = new Ledger();
        string stage = "start";
        Task scenario = Hostile.Run(ring, mode, async () =>
        {
            for (int round = 0; round < Hostile.Rounds(3, 30); round++)
            {
                (int a, int b) = Sys.SocketPair();
                // A plain SafeHandle: SafeSocketHandle adds .NET's own abort-and-wait on close (docs/cancellation.md).
                var handle = new SafeFileHandle((IntPtr)a, ownsHandle: true);
                string target = Sys.Target(a)!;
                int links = Sys.CountTargets(target);
                var ops = new List<Task<(Ending Ending, int Value, Exception? Error)>>
                {
                    ledger.Track(() => ring.ReceiveAsync(handle, new byte[4]), "recv"),
                    ledger.Track(async () => (int)await ring.PollAsync(handle, PollEvents.In), "poll"),
                    ledger.Track(() => ring.ReadAsync(handle, new byte[4]), "read"),
                };
                // Operations on a SafeHandle hold the handle itself (no duplicate on the workers): wait until all three are listed.
                stage = $"round {round}: the operations in the backend's hands";
                await Hostile.UntilPending(ring, 3);
                await Task.Delay(20);

                stage = $"round {round}: disposing the handle";
                handle.Dispose();
                stage = $"round {round}: after the dispose";

                // New descriptors that would take the number if it were free.
                var fresh = Enumerable.Range(0, 3).Select(_ => Sys.Pipe()).ToArray();
                Assert.DoesNotContain(fresh, p => p.Item1 == a || p.Item2 == a);

                // Still open: the peer sees no end of file while the operations hold the handle.
                Assert.Equal(0, Sys.PollIn(b, 0));

                stage = $"round {round}: CancelAll";
                ring.CancelAll();
                var endings = await Hostile.Within(Task.WhenAll(ops), ring, "the operations after CancelAll");
                Assert.All(endings, e => Assert.Equal(Ending.Cancelled, e.Ending));

                // Released after the last one ended: the peer now reads end of file.
                stage = $"round {round}: waiting for the peer to see the close";
                await Hostile.Until(() => Sys.PollIn(b, 0) == 1, "the peer sees the socket closed after its operations ended");
                Assert.Empty(Sys.Take(b, 1));
                foreach ((int r, int w) in fresh)
                {
                    Sys.close(r);
                    Sys.close(w);
                }

                Sys.close(b);
            }
        });

        try
        {
            await scenario;
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"at {stage}: {e.Message}");
        }

        ledger.AssertEachEndedOnce();
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task The_pipes_of_a_child_process_read_and_written_through_the_ring_give_its_output_then_end_of_file_and_EPIPE(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        await Hostile.Run(ring, mode, async () =>
        {
            // Started off the ring thread: Process.Start waits for the exec.
            Process child = await Task.Run(() => Process.Start(new ProcessStartInfo("/bin/sh", new[] { "-c", "printf abc; sleep 0.05; printf def; head -c 1000 >/dev/null" })
            {
                RedirectStandardOutput = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            })!);
            using (child)
            {
                SafePipeHandle output = ((AnonymousPipeClientStream)child.StandardOutput.BaseStream).SafePipeHandle;
                SafePipeHandle input = ((AnonymousPipeClientStream)child.StandardInput.BaseStream).SafePipeHandle;

                // 1 MiB into a child that reads 1000 bytes and exits: the write ends with EPIPE (the rest has no reader).
                var write = Task.Run(async () =>
                {
                    try
                    {
                        await ring.WriteAsync(input, new byte[1 << 20]);
                        return "wrote all";
                    }
                    catch (ErrnoException e)
                    {
                        return e.ErrnoName;
                    }
                });

                var text = new List<byte>();
                var buffer = new byte[64];
                while (true)
                {
                    int n;
                    try
                    {
                        n = await Hostile.Within(ring.ReadAsync(output, buffer).AsTask(), ring, "a read of the child's output");
                    }
                    catch (ErrnoException e) when (e.Errno == Errno.EAGAIN)
                    {
                        await Task.Delay(1);
                        continue;
                    }

                    if (n == 0)
                    {
                        break;
                    }

                    text.AddRange(buffer.Take(n));
                }

                Assert.Equal("abcdef", System.Text.Encoding.ASCII.GetString(text.ToArray()));
                Assert.Equal("EPIPE", await Hostile.Within(write, ring, "the write to the child's input"));
                await Hostile.Within(child.WaitForExitAsync(), ring, "the child's exit");
            }
        });

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    [InlineData(IoBackend.Workers)]
    public async Task Children_started_while_rings_are_created_busy_and_disposed_inherit_none_of_their_descriptors(IoBackend backend)
    {
        (int inheritRead, int inheritWrite) = Sys.Pipe();
        Sys.Check(Sys.fcntl(inheritRead, Sys.F_SETFD, 0), "fcntl(F_SETFD)");
        string control = Sys.Target(inheritRead)!;
        using var stop = new CancellationTokenSource();
        var ringTargets = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        int rings = 0;

        // Rings created, loaded with waiting reads and writes into full pipes (duplicates off the kernel ring), disposed.
        Task churn = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                IoRing ring = IoRing.Create(new IoRingOptions { Backend = backend, Capacity = 16, Name = $"hostile5-exec-{rings}" });
                var pipes = Enumerable.Range(0, 3).Select(_ => new RawPipe()).ToArray();
                ringTargets[Sys.Target(pipes[0].Read)!] = true;
                ringTargets[Sys.Target(pipes[1].Write)!] = true;
                Sys.Fill(pipes[1].Write);
                var ops = new Task[]
                {
                    ring.ReadAsync(pipes[0].Read, new byte[1]).AsTask(),
                    ring.WriteAtMostAsync(pipes[1].Write, new byte[16]).AsTask(),
                    ring.PollAsync(pipes[2].Read, PollEvents.In).AsTask(),
                };
                await Task.Delay(2);
                await ring.DisposeAsync();
                foreach (Task op in ops)
                {
                    try
                    {
                        await op;
                    }
                    catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException)
                    {
                    }
                }

                foreach (RawPipe p in pipes)
                {
                    p.Dispose();
                }

                Interlocked.Increment(ref rings);
            }
        });

        try
        {
            for (int i = 0; i < Hostile.Rounds(16, 200); i++)
            {
                var start = new ProcessStartInfo("/bin/ls", new[] { "-l", "/proc/self/fd/" }) { RedirectStandardOutput = true, UseShellExecute = false };
                using Process child = Process.Start(start)!;
                string listing = await child.StandardOutput.ReadToEndAsync();
                await child.WaitForExitAsync();
                foreach (string line in listing.Split('\n'))
                {
                    if (line.Contains("io_uring", StringComparison.Ordinal) || line.Contains("[eventfd]", StringComparison.Ordinal) || line.Contains("[aio]", StringComparison.Ordinal)
                        || ringTargets.Keys.Any(t => line.EndsWith(t, StringComparison.Ordinal)))
                    {
                        failures.Enqueue($"child {i} inherited: {line}");
                    }
                }

                if (!listing.Contains(control, StringComparison.Ordinal))
                {
                    failures.Enqueue($"child {i} lacks the inheritable control pipe {control}:\n{listing}");
                }
            }
        }
        finally
        {
            stop.Cancel();
            await churn.WaitAsync(Hostile.Bound);
            Sys.close(inheritRead);
            Sys.close(inheritWrite);
        }

        Assert.True(failures.IsEmpty, $"{rings} rings churned:\n" + string.Join("\n", failures.Take(20)));
        Assert.True(rings > 0);
    }
}
