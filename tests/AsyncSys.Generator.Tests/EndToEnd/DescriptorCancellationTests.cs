using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;
using Xunit.Abstractions;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>Counts the process's descriptors, so nothing else in the test host may open or close any meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DescriptorCountingCollection
{
    public const string Name = "descriptor counting";
}

/// <summary>
/// Every generated variant whose call makes a descriptor (its result, or out memory: pipe2's and socketpair's pair, a
/// descriptor received with SCM_RIGHTS), cancelled while it runs by its token, by <see cref="IoRing.CancelAll"/> and by
/// the ring's Dispose, many times on the real kernel, on io_uring and on the workers. The contract
/// (docs/cancellation.md): a call that completed returns its result, so the caller owns (and here closes) what it made;
/// a call that ends cancelled made nothing, or its descriptor was closed (openat, accept). Either way the process has the
/// same descriptors after the races as before. A cancel lands before, during or after the call by chance: the count says
/// nothing about timing, only about descriptors lost. ASYNCSYS_FUZZ_LONG=1 runs twenty times as many races.
/// </summary>
[Collection(DescriptorCountingCollection.Name)]
public sealed class DescriptorCancellationTests : IDisposable
{
    private const int SocketCloseOnExec = 0x80000; // SOCK_CLOEXEC, O_CLOEXEC
    private const int MsgHeaderSize = 56, IoVecSize = 16, ControlSize = 24; // x86-64/arm64 msghdr, iovec, CMSG_SPACE(sizeof(int))

    private static readonly int Races = Environment.GetEnvironmentVariable("ASYNCSYS_FUZZ_LONG") == "1" ? 4000 : 200;

    private readonly ITestOutputHelper _output;
    private readonly string _directory = Directory.CreateTempSubdirectory("asyncsys-fdcancel-").FullName;
    private readonly SafeFileHandle _file;
    private readonly Socket _listener;
    private readonly List<Socket> _clients = new();
    private readonly int[] _pair = new int[2]; // a unix stream pair: [0] sends descriptors, [1] receives them
    private readonly nint _message; // msghdr, iovec, one byte of payload and the control buffer, in native memory

    public DescriptorCancellationTests(ITestOutputHelper output)
    {
        _output = output;
        string path = Path.Combine(_directory, "file");
        File.WriteAllBytes(path, new byte[16]);
        _file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(Path.Combine(_directory, "listener")));
        _listener.Listen(8192);
        Assert.Equal(0, SocketPair(1, 1 | SocketCloseOnExec, 0, _pair)); // AF_UNIX, SOCK_STREAM

        _message = Marshal.AllocHGlobal(MsgHeaderSize + IoVecSize + 8 + ControlSize);
    }

    public void Dispose()
    {
        CloseClients();
        _listener.Dispose();
        Close(_pair[0]);
        Close(_pair[1]);
        Marshal.FreeHGlobal(_message);
        _file.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    public enum Canceller
    {
        Token,
        CancelAll,
        Dispose,
    }

    private sealed record Case(string Name, Func<IoRing, CancellationToken, Task<int[]>> Call, Action? Before = null);

    private IEnumerable<Case> Cases()
    {
        string path = Path.Combine(_directory, "file");
        int fd = (int)_file.DangerousGetHandle();
        yield return new("dup", async (ring, token) => [await Variants.DupAsync(ring, fd, token)]);
        // dup3 onto a number nobody holds: this collection runs alone and the process has a few hundred descriptors, so a
        // number from 900 up is free; checked before each call, since dup3 onto a number someone else holds would silently
        // close theirs. Not a fixed 900: the runtime keeps the file of each assembly it loads open for the life of the process,
        // and one loaded while the held-out test held about 900 descriptors (System.IO.Pipes.dll, first used by a held-out
        // stream row) kept number 900. The first number from 900 up that is not open is taken once, before the calls.
        int target = FirstNotOpen(900);
        yield return new("dup3", async (ring, token) => [await Variants.Dup3Async(ring, fd, NotOpen(target), SocketCloseOnExec, token)]);
        yield return new("fcntl F_DUPFD_CLOEXEC (int)", async (ring, token) => [await Variants.FcntlAsync(ring, fd, DescriptorVariants.DupCloseOnExec, 0, token)]);
        yield return new("fcntl F_DUPFD_CLOEXEC (SafeFileHandle)", async (ring, token) => [Release(await DescriptorVariants.DupHandleAsync(ring, _file, DescriptorVariants.DupCloseOnExec, 0, token))]);
        yield return new("open (ring openat)", async (ring, token) => [await Libc.OpenAtAsync(ring, IoRing.AtCurrentDirectory, path, Libc.ReadWrite | Libc.CloseOnExec, 0, token)]);
        yield return new("open (worker, a path the ring refuses)", async (ring, token) => [await Variants.OpenAsync(ring, path + "\0", Libc.ReadWrite | Libc.CloseOnExec, 0, token)]);
        yield return new("eventfd", async (ring, token) => [await Variants.EventFdAsync(ring, 0, SocketCloseOnExec, token)]);
        yield return new("timerfd_create", async (ring, token) => [await DescriptorVariants.TimerFdCreateAsync(ring, 1, SocketCloseOnExec, token)]);
        yield return new("memfd_create", async (ring, token) => [await DescriptorVariants.MemFdCreateAsync(ring, "asyncsys-fdcancel", 1, token)]);
        yield return new("epoll_create1", async (ring, token) => [await Variants.EpollCreate1Async(ring, SocketCloseOnExec, token)]);
        yield return new("inotify_init1", async (ring, token) => [await DescriptorVariants.InotifyInit1Async(ring, SocketCloseOnExec, token)]);
        yield return new("signalfd", async (ring, token) => [await DescriptorVariants.NewSignalFdAsync(ring, 1UL << (10 - 1), SocketCloseOnExec, token)]); // SIGUSR1
        yield return new("pidfd_open", async (ring, token) => [await DescriptorVariants.PidFdOpenAsync(ring, Environment.ProcessId, 0, token)]);
        yield return new("socket", async (ring, token) => [await Variants.SocketAsync(ring, 1, 1 | SocketCloseOnExec, 0, token)]);
        yield return new("pipe2 (out pair)", async (ring, token) =>
        {
            Variants.Pipe2Result pipe = await Variants.Pipe2Async(ring, Libc.CloseOnExec, token);
            return [pipe.ReadFd, pipe.WriteFd];
        });
        yield return new("socketpair (out pair)", async (ring, token) =>
        {
            DescriptorVariants.SocketPairResult pair = await DescriptorVariants.SocketPairAsync(ring, 1, 1 | SocketCloseOnExec, 0, token);
            return [pair.Fd0, pair.Fd1];
        });
        yield return new("accept4 (ring accept)", async (ring, token) => [await DescriptorVariants.Accept4Async(ring, (int)_listener.Handle, 0, 0, SocketCloseOnExec, token)], Connect);
        // A receive cancelled before it took its message leaves it queued: take it first, or the queue fills and the send waits.
        yield return new("recvmsg SCM_RIGHTS (ring recvmsg)", ReceiveDescriptorAsync, () =>
        {
            DrainReceived();
            SendDescriptor();
        });
    }

    [Theory]
    [InlineData(IoBackend.IoUring, Canceller.Token)]
    [InlineData(IoBackend.IoUring, Canceller.CancelAll)]
    [InlineData(IoBackend.IoUring, Canceller.Dispose)]
    [InlineData(IoBackend.Workers, Canceller.Token)]
    [InlineData(IoBackend.Workers, Canceller.CancelAll)]
    [InlineData(IoBackend.Workers, Canceller.Dispose)]
    public async Task No_descriptor_a_call_made_is_lost_when_cancellation_races_it(IoBackend backend, Canceller canceller)
    {
        // On the workers, short calls run on the worker threads (not on the caller, where they finish before any cancel).
        IoRingOptions Options() => new() { Backend = backend, RunShortBlockingCallsOnCaller = backend != IoBackend.Workers, Capacity = 64 };
        using IoRing shared = IoRing.Create(Options());
        var lost = new List<string>();
        foreach (Case test in Cases())
        {
            // Once outside the count: the first call of a kind may create what the runtime keeps (a lane, a handler).
            test.Before?.Invoke();
            Close(await test.Call(shared, CancellationToken.None));
            DrainReceived();
            CloseClients();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Dictionary<int, string> before = OpenDescriptors();
            int completed = 0, cancelled = 0;
            int races = canceller == Canceller.Dispose ? Races / 4 : Races;
            for (int i = 0; i < races; i++)
            {
                IoRing ring = canceller == Canceller.Dispose ? IoRing.Create(Options()) : shared;
                using var source = new CancellationTokenSource();
                test.Before?.Invoke();
                int spins = i % 32 * 16; // before, during or after the call, by chance
                Task<int[]> call = test.Call(ring, source.Token);
                Task cancel = Task.Run(() =>
                {
                    Thread.SpinWait(spins);
                    switch (canceller)
                    {
                        case Canceller.Token: source.Cancel(); break;
                        case Canceller.CancelAll: ring.CancelAll(); break;
                        case Canceller.Dispose: ring.Dispose(); break;
                    }
                });
                try
                {
                    Close(await call);
                    completed++;
                }
                catch (OperationCanceledException)
                {
                    cancelled++;
                }
                catch (ObjectDisposedException) when (canceller == Canceller.Dispose)
                {
                    cancelled++;
                }

                await cancel;
                if (canceller == Canceller.Dispose)
                {
                    ring.Dispose();
                }
            }

            DrainReceived();
            CloseClients(); // their connections, accepted or still in the backlog, are not the calls' descriptors
            string[] extra = DescriptorsMoreThan(before);
            _output.WriteLine($"{test.Name}: {completed} completed, {cancelled} cancelled, {extra.Length} descriptors more");
            if (extra.Length > 0)
            {
                lost.Add($"{test.Name} ({completed} completed, {cancelled} cancelled): {string.Join(", ", extra.Take(20))}");
            }
        }

        Assert.True(lost.Count == 0, "descriptors lost:\n" + string.Join("\n", lost));
    }

    /// <summary>
    /// A deadline (<see cref="RingRequest.WithTimeout"/>) racing the two ring operations that make a descriptor, as the
    /// generated openat and accept variants submit them (the variants take no deadline of their own): a descriptor made
    /// after the deadline passed is closed, and the caller gets ETIME, thrown or, from <see cref="IoRing.SubmitRawAsync"/>
    /// (the variants' ReturnNegativeErrno mode), returned as -ETIME.
    /// </summary>
    [Theory]
    [InlineData(IoBackend.IoUring, false)]
    [InlineData(IoBackend.IoUring, true)]
    [InlineData(IoBackend.Workers, false)]
    [InlineData(IoBackend.Workers, true)]
    public async Task No_descriptor_is_lost_when_a_deadline_races_openat_or_accept(IoBackend backend, bool raw)
    {
        using IoRing ring = IoRing.Create(new IoRingOptions { Backend = backend, Capacity = 64 });
        string path = Path.Combine(_directory, "file");
        var lost = new List<string>();

        // Once outside the count: an accept that has to wait (no client yet) until its deadline. On the workers a waiting
        // accept parks on the readiness lane, which the runtime starts on first use and keeps (with an eventfd of its own):
        // under load one of the races below may be the first to wait. (One loaded run counted two descriptors lost here,
        // 284 and 285, targets not kept; this rules out the lane as their cause.)
        Assert.Equal(-Errno.ETIME, await ring.SubmitRawAsync(RingRequest.Accept((int)_listener.Handle, 0, 0, SocketCloseOnExec).WithTimeout(TimeSpan.FromMilliseconds(20))));
        foreach ((string name, Func<TimeSpan, RingRequest> request, Action? before) in new (string, Func<TimeSpan, RingRequest>, Action?)[]
        {
            ("openat", deadline => RingRequest.OpenAt(IoRing.AtCurrentDirectory, path, Libc.ReadWrite | Libc.CloseOnExec, 0).WithTimeout(deadline), null),
            ("accept", deadline => RingRequest.Accept((int)_listener.Handle, 0, 0, SocketCloseOnExec).WithTimeout(deadline), Connect),
        })
        {
            before?.Invoke();
            Close([await ring.SubmitAsync(request(TimeSpan.FromSeconds(10)))]);
            CloseClients();
            Dictionary<int, string> before0 = OpenDescriptors();
            int completed = 0, expired = 0;
            for (int i = 0; i < Races; i++)
            {
                before?.Invoke();
                RingRequest timed = request(TimeSpan.FromTicks(1 + (i % 32 * 10))); // 0.1 us to 3.2 us: before, during or after
                try
                {
                    int result = raw ? await ring.SubmitRawAsync(timed) : await ring.SubmitAsync(timed);
                    if (result == -Errno.ETIME)
                    {
                        expired++;
                        continue;
                    }

                    Assert.True(result >= 0, name + " failed with " + result);
                    Close(result);
                    completed++;
                }
                catch (ErrnoException e) when (e.Errno == Errno.ETIME)
                {
                    Assert.False(raw, "SubmitRawAsync threw ETIME where it returns -ETIME");
                    expired++;
                }
            }

            CloseClients();
            string[] extra = DescriptorsMoreThan(before0);
            _output.WriteLine($"{name}: {completed} completed, {expired} expired, {extra.Length} descriptors more");
            if (extra.Length > 0)
            {
                lost.Add($"{name} ({completed} completed, {expired} expired): {string.Join(", ", extra.Take(20))}");
            }
        }

        Assert.True(lost.Count == 0, "descriptors lost:\n" + string.Join("\n", lost));
    }

    private static int FirstNotOpen(int from)
    {
        int number = from;
        while (!(GetDescriptorFlags(number) == -1 && Marshal.GetLastPInvokeError() == 9)) // EBADF
        {
            number++;
        }

        return number;
    }

    private static int NotOpen(int number)
    {
        // Open here is either an earlier race's dup3 whose descriptor was neither returned nor closed (the loss this test
        // looks for, which would otherwise surface only as this failure) or another test's descriptor.
        if (GetDescriptorFlags(number) == -1 && Marshal.GetLastPInvokeError() == 9) // EBADF
        {
            return number;
        }

        // Say what it is and how many the process holds, so the owner can be found.
        string what = new FileInfo("/proc/self/fd/" + number).LinkTarget ?? "?";
        int open = System.IO.Directory.GetFiles("/proc/self/fd").Length;
        Assert.Fail($"descriptor {number} ({what}; {open} descriptors open) is open before a dup3 onto it: an earlier call's dup3 result lost (neither returned nor closed), or another test's file (dup3 would close it)");
        return number;
    }

    private static int Release(SafeFileHandle handle)
    {
        int fd = (int)handle.DangerousGetHandle();
        handle.SetHandleAsInvalid(); // the test closes the number itself, as for the int results
        return fd;
    }

    private void CloseClients()
    {
        foreach (Socket client in _clients)
        {
            client.Dispose();
        }

        _clients.Clear();
    }

    private void Connect()
    {
        var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        client.Connect(_listener.LocalEndPoint!);
        _clients.Add(client);
    }

    /// <summary>Sends one byte and a descriptor of the test file (SCM_RIGHTS) from the pair's first socket.</summary>
    private unsafe void SendDescriptor()
    {
        byte* block = stackalloc byte[MsgHeaderSize + IoVecSize + 8 + ControlSize];
        new Span<byte>(block, MsgHeaderSize + IoVecSize + 8 + ControlSize).Clear();
        FillHeader(block);
        *(long*)(block + MsgHeaderSize + IoVecSize + 8) = 20; // cmsg_len: CMSG_LEN(sizeof(int))
        *(int*)(block + MsgHeaderSize + IoVecSize + 8 + 8) = 1; // SOL_SOCKET
        *(int*)(block + MsgHeaderSize + IoVecSize + 8 + 12) = 1; // SCM_RIGHTS
        *(int*)(block + MsgHeaderSize + IoVecSize + 8 + 16) = (int)_file.DangerousGetHandle();
        Assert.Equal(1, SendMsg(_pair[0], block, 0));
    }

    private static unsafe void FillHeader(byte* block)
    {
        byte* iov = block + MsgHeaderSize, payload = iov + IoVecSize, control = payload + 8;
        *(nint*)(iov + 0) = (nint)payload;
        *(long*)(iov + 8) = 1;
        *(nint*)(block + 16) = (nint)iov; // msg_iov
        *(long*)(block + 24) = 1; // msg_iovlen
        *(nint*)(block + 32) = (nint)control; // msg_control
        *(long*)(block + 40) = ControlSize; // msg_controllen
    }

    private async Task<int[]> ReceiveDescriptorAsync(IoRing ring, CancellationToken token)
    {
        ResetHeader(_message);
        nint received = await DescriptorVariants.RecvMsgAsync(ring, _pair[1], _message, 0x40000000, token); // MSG_CMSG_CLOEXEC
        Assert.Equal(1, received);
        return ReceivedDescriptors(_message);
    }

    private static unsafe void ResetHeader(nint block)
    {
        new Span<byte>((void*)block, MsgHeaderSize + IoVecSize + 8 + ControlSize).Clear();
        FillHeader((byte*)block);
    }

    private static unsafe int[] ReceivedDescriptors(nint message)
    {
        byte* block = (byte*)message;
        byte* control = block + MsgHeaderSize + IoVecSize + 8;
        long length = *(long*)(block + 40);
        return length >= 20 && *(int*)(control + 8) == 1 && *(int*)(control + 12) == 1 ? [*(int*)(control + 16)] : [];
    }

    /// <summary>Takes and closes what is still queued on the pair: messages whose receive was cancelled before it took them.</summary>
    private void DrainReceived()
    {
        while (true)
        {
            ResetHeader(_message);
            if (RecvMsgNow(_pair[1], _message, 0x40 | 0x40000000) <= 0) // MSG_DONTWAIT | MSG_CMSG_CLOEXEC
            {
                return;
            }

            Close(ReceivedDescriptors(_message));
        }
    }

    private static readonly string RuntimeDirectory = RuntimeEnvironment.GetRuntimeDirectory();

    /// <summary>
    /// The descriptors open now that were not open (to the same file) in <paramref name="before"/>, as "fd -> target",
    /// counting only those still open a moment later: a descriptor another thread of the process opens and closes while
    /// the directory is listed (seen as "389 -> " with no target: gone by the time its link was read), or one the runtime
    /// closes just after the call that made it ended, is not lost. Looked at again every 50 ms for up to 2 s.
    /// </summary>
    private static string[] DescriptorsMoreThan(Dictionary<int, string> before)
    {
        string[] extra = [];
        for (int look = 0; look < 40; look++)
        {
            extra = OpenDescriptors()
                .Where(entry => !before.TryGetValue(entry.Key, out string? target) || target != entry.Value)
                .Select(entry => entry.Key + " -> " + entry.Value).ToArray();
            if (extra.Length == 0)
            {
                return extra;
            }

            Thread.Sleep(50);
        }

        return extra;
    }

    private static Dictionary<int, string> OpenDescriptors()
    {
        var open = new Dictionary<int, string>();
        foreach (string entry in Directory.GetFiles("/proc/self/fd"))
        {
            int fd = int.Parse(Path.GetFileName(entry), System.Globalization.CultureInfo.InvariantCulture);
            string target;
            try
            {
                target = new FileInfo(entry).LinkTarget ?? "";
            }
            catch (IOException)
            {
                continue; // the directory's own descriptor, closed by now
            }

            if (target.Length == 0)
            {
                continue; // listed, then closed before its link could be read: not open any more
            }

            if (target.StartsWith(RuntimeDirectory, StringComparison.Ordinal) || target.StartsWith(AppContext.BaseDirectory, StringComparison.Ordinal))
            {
                continue; // an assembly the runtime loaded meanwhile (System.Net.NameResolution was seen): none of the calls opens one
            }

            open[fd] = target;
        }

        return open;
    }

    private static void Close(int[] descriptors)
    {
        foreach (int fd in descriptors)
        {
            Close(fd);
        }
    }

    [DllImport("libc", EntryPoint = "close", SetLastError = true)] private static extern int Close(int fd);
    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)] private static extern int Fcntl(int fd, int cmd, int arg);

    private static int GetDescriptorFlags(int fd) => Fcntl(fd, 1, 0); // F_GETFD
    [DllImport("libc", EntryPoint = "socketpair", SetLastError = true)] private static extern int SocketPair(int domain, int type, int protocol, int[] sv);
    [DllImport("libc", EntryPoint = "sendmsg", SetLastError = true)] private static extern unsafe nint SendMsg(int fd, byte* msg, int flags);
    [DllImport("libc", EntryPoint = "recvmsg", SetLastError = true)] private static extern nint RecvMsgNow(int fd, nint msg, int flags);
}
