using System;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys.Interop;
using AsyncSys.Operations;

namespace AsyncSys.Backends.Workers;

/// <summary>
/// Interrupts a worker blocked in a syscall: a real-time signal whose handler does nothing and is installed
/// without SA_RESTART, so the blocked call returns EINTR. The handler is libc's getpid: async-signal-safe,
/// touches no memory and leaves errno alone; no managed code runs in signal context.
/// </summary>
/// <remarks>
/// One signal is not enough: if it lands while the worker is still in managed code before its syscall, the
/// handler runs, nothing is interrupted, and the call then blocks for good (issue 16, item 3). So the signal
/// is re-sent until the worker is seen to leave the call: the worker publishes its thread id in the
/// operation (under the operation's run lock) for exactly the span of the call, and each re-send checks it
/// under the same lock, so a re-send never reaches a worker that has moved on to another call.
/// </remarks>
internal static unsafe class WorkerInterrupt
{
    private const int FirstResendMilliseconds = 1;
    private const int MaxResendMilliseconds = 50;
    private const int SaSiginfo = 4;

    private static readonly object Gate = new();
    private static int _signal;
    private static string? _failure;

    /// <summary>The signal used: SIGRTMAX-1 unless another handler owns it (the .NET runtime itself uses SIGRTMIN).</summary>
    internal static int Signal
    {
        get
        {
            EnsureInstalled();
            return _signal;
        }
    }

    /// <summary>Signals the worker now and keeps re-sending until it leaves the call <paramref name="id"/>.</summary>
    internal static bool Interrupt(IRunningCall call, ulong id, int nativeThreadId)
    {
        EnsureInstalled();
        if (!SendIfStillInCall(call, id, nativeThreadId))
        {
            return false;
        }

        new Resender(call, id, nativeThreadId).Start();
        return true;
    }

    /// <summary>
    /// Sends the signal once to <paramref name="nativeThreadId"/> (a thread of this ring whose own loop notices
    /// the EINTR, such as the io_uring thread); false if it could not be sent, including when no real-time
    /// signal is free for us.
    /// </summary>
    internal static bool Send(int nativeThreadId)
    {
        lock (Gate)
        {
            if (_signal == 0)
            {
                Install();
            }
        }

        return _signal > 0 && Libc.tgkill(Libc.getpid(), nativeThreadId, _signal) == 0;
    }

    private static bool SendIfStillInCall(IRunningCall call, ulong id, int nativeThreadId)
    {
        lock (call.RunLock)
        {
            return call.IsRunning(id, nativeThreadId) && Libc.tgkill(Libc.getpid(), nativeThreadId, _signal) == 0;
        }
    }

    /// <summary>Re-sends with a doubling interval capped at <see cref="MaxResendMilliseconds"/> until the call is over.</summary>
    private sealed class Resender(IRunningCall call, ulong id, int nativeThreadId)
    {
        private Timer? _timer;
        private int _interval = FirstResendMilliseconds;

        internal void Start()
        {
            lock (this)
            {
                _timer = new Timer(static s => ((Resender)s!).Tick(), this, Timeout.Infinite, Timeout.Infinite);
                _timer.Change(_interval, Timeout.Infinite);
            }
        }

        private void Tick()
        {
            lock (this)
            {
                if (!SendIfStillInCall(call, id, nativeThreadId))
                {
                    _timer!.Dispose();
                    return;
                }

                _interval = Math.Min(_interval * 2, MaxResendMilliseconds);
                _timer!.Change(_interval, Timeout.Infinite);
            }
        }
    }

    private static void EnsureInstalled()
    {
        if (Volatile.Read(ref _signal) > 0)
        {
            return;
        }

        lock (Gate)
        {
            if (_signal == 0)
            {
                Install();
            }

            if (_signal < 0)
            {
                throw new InvalidOperationException(_failure);
            }
        }
    }

    // glibc's and musl's struct sigaction on x86-64 and arm64: sa_handler at 0, sa_mask (128 bytes) at 8,
    // sa_flags at 136, sa_restorer at 144; 256 bytes of room is more than either needs.
    private const int FlagsOffset = 136;

    private static void Install()
    {
        nint handler = ResolveGetpid();
        if (handler == 0)
        {
            _failure = "Cannot interrupt blocked workers: getpid was not found in the process's C library.";
            _signal = -1;
            return;
        }

        byte* current = stackalloc byte[256];
        byte* action = stackalloc byte[256];
        int rtMin = Libc.__libc_current_sigrtmin();

        // From SIGRTMAX-1 down: SIGRTMAX is left to others by convention, SIGRTMIN is the runtime's. The first
        // signal nobody has claimed (SIG_DFL, no SA_SIGINFO handler) is ours; a claimed one is never replaced.
        for (int signal = Libc.__libc_current_sigrtmax() - 1; signal > rtMin; signal--)
        {
            new Span<byte>(current, 256).Clear();
            if (Libc.sigaction(signal, null, current) != 0)
            {
                continue;
            }

            nint existing = *(nint*)current;
            int flags = *(int*)(current + FlagsOffset);
            if (existing == handler && (flags & SaSiginfo) == 0)
            {
                _signal = signal; // installed by an earlier copy of this library in the process
                return;
            }

            if (existing != 0 || (flags & SaSiginfo) != 0)
            {
                continue; // someone's handler (or SIG_IGN): not ours to take
            }

            new Span<byte>(action, 256).Clear();
            *(nint*)action = handler;
            *(int*)(action + FlagsOffset) = 0; // no SA_RESTART: that is the point
            if (Libc.sigaction(signal, action, null) == 0)
            {
                _signal = signal;
                return;
            }
        }

        _failure = $"Cannot interrupt blocked workers: every real-time signal from SIGRTMIN+1 to SIGRTMAX-1 already has a handler (SIGRTMIN is {rtMin}).";
        _signal = -1;
    }

    /// <summary>getpid from the C library already loaded in the process (glibc or musl), without naming its file.</summary>
    private static nint ResolveGetpid()
    {
        if (NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), "getpid", out nint address))
        {
            return address;
        }

        // The runtime maps the name "libc" to the process's C library, whatever its file is called.
        return NativeLibrary.TryLoad("libc", typeof(WorkerInterrupt).Assembly, null, out nint libc) && NativeLibrary.TryGetExport(libc, "getpid", out address)
            ? address
            : 0;
    }
}
