using System;
using System.Threading;
using System.Runtime.InteropServices;
using AsyncSys.Interop;

namespace AsyncSys.Backends.Workers;

/// <summary>
/// Interrupts a worker blocked in a syscall: a real-time signal whose handler does nothing and is installed
/// without SA_RESTART, so the blocked call returns EINTR. The handler is libc's getpid: async-signal-safe,
/// touches no memory and leaves errno alone; no managed code runs in signal context.
/// </summary>
internal static unsafe class WorkerInterrupt
{
    private static readonly object Gate = new();
    private static int _signal;

    /// <summary>The signal used: SIGRTMAX-1 (the runtime itself uses SIGRTMIN).</summary>
    internal static int Signal
    {
        get
        {
            EnsureInstalled();
            return _signal;
        }
    }

    internal static bool Send(int nativeThreadId)
    {
        if (!EnsureInstalled())
        {
            return false;
        }

        return Libc.tgkill(Libc.getpid(), nativeThreadId, _signal) == 0;
    }

    private static bool EnsureInstalled()
    {
        if (Volatile.Read(ref _signal) != 0)
        {
            return _signal > 0;
        }

        lock (Gate)
        {
            if (_signal != 0)
            {
                return _signal > 0;
            }

            int signal = Libc.__libc_current_sigrtmax() - 1;
            nint libc = NativeLibrary.Load("libc.so.6");
            nint handler = NativeLibrary.GetExport(libc, "getpid");

            // glibc's struct sigaction: sa_handler at 0, sa_mask (128 bytes) at 8, sa_flags at 136, sa_restorer at 144.
            byte* action = stackalloc byte[256];
            new Span<byte>(action, 256).Clear();
            *(nint*)action = handler;
            *(int*)(action + 136) = 0; // no SA_RESTART: that is the point
            int result = Libc.sigaction(signal, action, null);
            Volatile.Write(ref _signal, result == 0 ? signal : -1);
            return result == 0;
        }
    }
}
