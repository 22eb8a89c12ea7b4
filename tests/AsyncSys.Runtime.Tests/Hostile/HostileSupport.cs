using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// The raw syscalls the hostile tests use to build their own kernel objects, independent of the runtime's interop:
/// the tests play a user who knows only the public API and libc.
/// </summary>
internal static unsafe partial class Sys
{
    public const int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0x40, O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000;
    public const int AF_UNIX = 1, SOCK_STREAM = 1, SOCK_CLOEXEC = 0x80000;
    public const int FIONREAD = 0x541B;
    public const int PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2;
    public const int MAP_PRIVATE = 2, MAP_ANONYMOUS = 0x20, MAP_NORESERVE = 0x4000;
    public const int EFD_CLOEXEC = 0x80000;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int pipe2(int* fds, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int socketpair(int domain, int type, int protocol, int* fds);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int eventfd(uint initval, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int dup(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint pwrite(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string path, int flags, int mode);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int ioctl(int fd, nuint request, int* value);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint mmap(nint address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int munmap(nint address, nuint length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int fcntl(int fd, int command, int argument);

    public static int Check(int result, string call) =>
        result >= 0 ? result : throw new InvalidOperationException($"{call} failed: {Errno.NameOf(Marshal.GetLastPInvokeError())}");

    public static (int Read, int Write) Pipe(int flags = O_CLOEXEC)
    {
        int* fds = stackalloc int[2];
        Check(pipe2(fds, flags), "pipe2");
        return (fds[0], fds[1]);
    }

    public static (int A, int B) SocketPair()
    {
        int* fds = stackalloc int[2];
        Check(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), "socketpair");
        return (fds[0], fds[1]);
    }

    public static void WriteAll(int fd, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* p = bytes)
        {
            nint written = write(fd, p, (nuint)bytes.Length);
            if (written != bytes.Length)
            {
                throw new InvalidOperationException($"write({fd}) gave {written}: {Errno.NameOf(Marshal.GetLastPInvokeError())}");
            }
        }
    }

    /// <summary>How many bytes a pipe or socket holds right now, without taking them.</summary>
    public static int Pending(int fd)
    {
        int count;
        Check(ioctl(fd, FIONREAD, &count), "ioctl(FIONREAD)");
        return count;
    }

    /// <summary>Takes (with a plain read) up to <paramref name="count"/> bytes a pipe or socket holds now, without waiting.</summary>
    public static byte[] Take(int fd, int count)
    {
        // Never a read that blocks the test's thread: an empty pipe gives nothing.
        if (Pending(fd) == 0)
        {
            return Array.Empty<byte>();
        }

        var buffer = new byte[count];
        fixed (byte* p = buffer)
        {
            nint read = Sys.read(fd, p, (nuint)count);
            return read <= 0 ? Array.Empty<byte>() : buffer.AsSpan(0, (int)read).ToArray();
        }
    }
}

/// <summary>A pipe as two raw descriptors, both closed on dispose (each at most once).</summary>
internal sealed class RawPipe : IDisposable
{
    private int _read, _write;

    public RawPipe(int flags = Sys.O_CLOEXEC)
    {
        (_read, _write) = Sys.Pipe(flags);
    }

    public int Read => _read;

    public int Write => _write;

    public void Put(params byte[] bytes) => Sys.WriteAll(_write, bytes);

    public int Pending => Sys.Pending(_read);

    public void CloseWrite()
    {
        int fd = Interlocked.Exchange(ref _write, -1);
        if (fd >= 0)
        {
            Sys.close(fd);
        }
    }

    public void CloseRead()
    {
        int fd = Interlocked.Exchange(ref _read, -1);
        if (fd >= 0)
        {
            Sys.close(fd);
        }
    }

    public void Dispose()
    {
        CloseWrite();
        CloseRead();
    }
}

/// <summary>
/// A buffer that counts its pins and unpins from any thread and can run a check at each unpin, to see what the ring
/// does with memory it was lent: released exactly as often as pinned, and never while the kernel may still write.
/// </summary>
internal sealed unsafe class CountingBuffer : MemoryManager<byte>
{
    private readonly byte[] _bytes;
    private readonly Action? _onUnpin;
    private GCHandle _handle;
    private int _pins, _unpins, _outstanding;

    public CountingBuffer(int length, Action? onUnpin = null)
    {
        _bytes = new byte[length];
        _onUnpin = onUnpin;
    }

    public int Pins => Volatile.Read(ref _pins);

    public int Unpins => Volatile.Read(ref _unpins);

    public byte[] Bytes => _bytes;

    public override Span<byte> GetSpan() => _bytes;

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        Interlocked.Increment(ref _pins);
        lock (_bytes)
        {
            if (_outstanding++ == 0)
            {
                _handle = GCHandle.Alloc(_bytes, GCHandleType.Pinned);
            }

            return new MemoryHandle((byte*)_handle.AddrOfPinnedObject() + elementIndex, default, this);
        }
    }

    public override void Unpin()
    {
        // The check runs before the memory is let go: it is the moment the ring says the kernel is done with it.
        _onUnpin?.Invoke();
        Interlocked.Increment(ref _unpins);
        lock (_bytes)
        {
            if (--_outstanding == 0)
            {
                _handle.Free();
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
    }
}

/// <summary>
/// Native memory a test maps and unmaps itself (anonymous mmap), for buffers larger than the garbage collector gives
/// and for memory the kernel may not touch. Pinning is a no-op: the memory never moves.
/// </summary>
internal sealed unsafe class MappedMemory : MemoryManager<byte>
{
    private readonly nint _address;
    private readonly int _length;
    private readonly nuint _mapped;

    public MappedMemory(int length, int protection = Sys.PROT_READ | Sys.PROT_WRITE)
    {
        _length = length;
        _mapped = (nuint)Math.Max(length, 4096);
        _address = Sys.mmap(0, _mapped, protection, Sys.MAP_PRIVATE | Sys.MAP_ANONYMOUS | Sys.MAP_NORESERVE, -1, 0);
        if (_address == -1)
        {
            throw new InvalidOperationException($"mmap failed: {Errno.NameOf(Marshal.GetLastPInvokeError())}");
        }
    }

    public nint Address => _address;

    public override Span<byte> GetSpan() => new((void*)_address, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new((byte*)_address + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing) => Sys.munmap(_address, _mapped);
}

/// <summary>How an awaited operation ended.</summary>
internal enum Ending
{
    Result,
    Errno,
    Cancelled,
    Disposed,
}

/// <summary>
/// Counts every operation a test starts and how each ended, with Interlocked, and records any ending the contract
/// does not allow (an exception other than ErrnoException, OperationCanceledException or ObjectDisposedException, or
/// an await that ends twice).
/// </summary>
internal sealed class Ledger
{
    private readonly ConcurrentQueue<string> _wrong = new();
    private readonly int[] _endings = new int[4];
    private int _started, _ended;

    public int Started => Volatile.Read(ref _started);

    public int Ended => Volatile.Read(ref _ended);

    public int this[Ending ending] => Volatile.Read(ref _endings[(int)ending]);

    /// <summary>Starts <paramref name="call"/> and returns how it ended (never throws for an allowed ending).</summary>
    public async Task<(Ending Ending, int Value, Exception? Error)> Track(Func<ValueTask<int>> call, string what, params Type[] alsoAllowed)
    {
        Interlocked.Increment(ref _started);
        int once = 0;
        (Ending, int, Exception?) outcome;
        try
        {
            int value = await call();
            outcome = (Ending.Result, value, null);
        }
        catch (ErrnoException e)
        {
            outcome = (Ending.Errno, -e.Errno, e);
        }
        catch (OperationCanceledException e)
        {
            outcome = (Ending.Cancelled, 0, e);
        }
        catch (ObjectDisposedException e)
        {
            outcome = (Ending.Disposed, 0, e);
        }
        catch (Exception e) when (alsoAllowed.Contains(e.GetType()))
        {
            outcome = (Ending.Errno, 0, e);
        }
        catch (Exception e)
        {
            _wrong.Enqueue($"{what}: {e.GetType().Name}: {e.Message}");
            outcome = (Ending.Errno, 0, e);
        }

        if (Interlocked.Increment(ref once) != 1)
        {
            _wrong.Enqueue($"{what}: ended twice");
        }

        Interlocked.Increment(ref _endings[(int)outcome.Item1]);
        Interlocked.Increment(ref _ended);
        return outcome;
    }

    public Task<(Ending Ending, int Value, Exception? Error)> Track(Func<ValueTask> call, string what) =>
        Track(async () =>
        {
            await call();
            return 0;
        }, what);

    /// <summary>Every started operation ended once, each with an allowed ending.</summary>
    public void AssertEachEndedOnce()
    {
        Assert.True(_wrong.IsEmpty, "endings the contract does not allow:\n" + string.Join("\n", _wrong.Take(20)));
        Assert.Equal(Started, Ended);
        Assert.Equal(Ended, this[Ending.Result] + this[Ending.Errno] + this[Ending.Cancelled] + this[Ending.Disposed]);
    }

    public override string ToString() =>
        $"started {Started}, ended {Ended}: results {this[Ending.Result]}, errno {this[Ending.Errno]}, cancelled {this[Ending.Cancelled]}, disposed {this[Ending.Disposed]}";
}

/// <summary>Rings for every backend and delivery mode, and a bound on every wait that names what is still in flight.</summary>
internal static class Hostile
{
    /// <summary>Generous: a wait this long means a hang, never a slow machine.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static int _rings;

    /// <summary>ASYNCSYS_HOSTILE_LONG=1: soak loops run many more rounds.</summary>
    public static bool Long => Environment.GetEnvironmentVariable("ASYNCSYS_HOSTILE_LONG") == "1";

    /// <summary>Rounds for a loop: <paramref name="normal"/>, or <paramref name="longRun"/> with ASYNCSYS_HOSTILE_LONG=1.</summary>
    public static int Rounds(int normal, int longRun) => Long ? longRun : normal;

    /// <summary>
    /// A ring on <paramref name="backend"/> set up as <paramref name="mode"/> says (the same options as the contract
    /// matrix), with a name of its own, after <paramref name="configure"/> has adjusted the options.
    /// </summary>
    public static IoRing Create(IoBackend backend, DeliveryMode mode, Action<IoRingOptions>? configure = null, int capacity = 256)
    {
        var options = new IoRingOptions { Backend = backend, Capacity = capacity, Name = $"hostile-{Interlocked.Increment(ref _rings)}" };
        switch (mode)
        {
            case DeliveryMode.Pool:
                options.TryNonBlockingFirst = false;
                break;
            case DeliveryMode.Inline:
                options.InlineContinuations = true;
                options.TryNonBlockingFirst = false;
                break;
            case DeliveryMode.PoolTryFirst:
            case DeliveryMode.RingContext:
                break;
        }

        configure?.Invoke(options);
        IoRing ring = IoRing.Create(options);
        Assert.Equal(backend, ring.Backend);
        return ring;
    }

    /// <summary>
    /// Runs <paramref name="scenario"/> where <paramref name="mode"/> puts user code (a pool thread, or the ring's own
    /// context), bounded so a hang fails the test with a listing of what is still in flight.
    /// </summary>
    /// <remarks>
    /// With ASYNCSYS_HOSTILE_LONG=1 a whole scenario may take minutes (a soak loop of 20,000 rounds on the workers took
    /// longer than 30 s while still making progress), so its bound is <see cref="LongScenarioBound"/>; each wait inside
    /// it keeps <see cref="Bound"/>.
    /// </remarks>
    public static Task Run(IoRing ring, DeliveryMode mode, Func<Task> scenario) =>
        Within(
            mode == DeliveryMode.RingContext ? ring.RunOnRingAsync(scenario) : Task.Run(scenario),
            ring,
            $"the scenario ({ring.Backend}, {mode})",
            Long ? LongScenarioBound : Bound);

    /// <summary>The bound on a whole scenario in the long mode.</summary>
    public static readonly TimeSpan LongScenarioBound = TimeSpan.FromMinutes(10);

    /// <summary>Awaits <paramref name="task"/>; if it has not ended within <paramref name="bound"/> (<see cref="Bound"/> unless given), fails with what <paramref name="ring"/> still has in flight.</summary>
    public static async Task Within(Task task, IoRing ring, string what, TimeSpan? bound = null)
    {
        TimeSpan limit = bound ?? Bound;
        if (await Task.WhenAny(task, Task.Delay(limit)).ConfigureAwait(false) != task)
        {
            Assert.Fail($"{what} did not end within {limit.TotalSeconds:F0} s; in flight: {Describe(ring)}");
        }

        await task.ConfigureAwait(false);
    }

    /// <inheritdoc cref="Within(Task, IoRing, string)"/>
    public static async Task<T> Within<T>(Task<T> task, IoRing ring, string what)
    {
        await Within((Task)task, ring, what).ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }

    /// <summary>What <paramref name="ring"/> has in flight, for a failure message.</summary>
    public static string Describe(IoRing ring)
    {
        try
        {
            IReadOnlyList<InFlightOperation> list = ring.GetInFlightOperations();
            // The id says which path holds it: bit 62 marks a short call with a hook run without a slot (its place in
            // the low 16 bits), other ids are slots (generation in the high half). A call listed OnWorker long after a
            // cancel was asked never had it recorded (it would be listed Cancelling).
            return $"{list.Count} operation(s)" + string.Concat(list.Take(32).Select(o =>
                $"\n  {o.Operation} fd {o.Fd} {o.State} {o.Backend} age {o.Age.TotalMilliseconds:F0} ms tag {o.Tag} id 0x{o.Id:x}"
                + ((o.Id & (1L << 62)) != 0 ? $" (without a slot, place {o.Id & 0xFFFF})" : $" (slot {o.Id & 0xFFFFFFFF})")));
        }
        catch (ObjectDisposedException)
        {
            return $"(ring disposed) count {ring.InFlightCount}, abandoned {ring.Abandoned.Count}";
        }
    }

    /// <summary>Waits (without blocking a thread) until <paramref name="count"/> operations are on the ring or on a worker.</summary>
    public static async Task UntilPending(IoRing ring, int count = 1)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (ring.GetInFlightOperations().Count(o => o.State is InFlightState.OnRing or InFlightState.OnWorker or InFlightState.Cancelling) < count)
        {
            Assert.True(clock.Elapsed < Bound, $"{count} operation(s) never reached the backend; in flight: {Describe(ring)}");
            await Task.Delay(1);
        }
    }

    /// <summary>Waits (without blocking a thread) until <paramref name="condition"/> holds.</summary>
    public static async Task Until(Func<bool> condition, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Bound, $"never: {what}");
            await Task.Delay(1);
        }
    }
}
