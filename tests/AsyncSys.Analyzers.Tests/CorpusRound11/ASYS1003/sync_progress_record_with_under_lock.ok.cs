// A sync tool's offloaded copy_file_range loop publishes its progress by writing a `with` copy of a static record back to the static field under a lock.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round11.Shared.SyncProgressWithOk;

public sealed record SyncProgress(int FilesDone, long BytesCopied, string? LastFile);

public static partial class FileCopier
{
    private static readonly object s_progressGate = new();
    private static SyncProgress s_progress = new(0, 0, null);

    [DllImport("libc", SetLastError = true)]
    private static extern nint copy_file_range(int fdIn, IntPtr offIn, int fdOut, IntPtr offOut, nuint length, uint flags);

    /// <summary>Copies the whole file in the kernel; returns the bytes copied, or -1 with errno set.</summary>
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static long CopyAll(int source, int destination, long length, string name)
    {
        long copied = 0;
        while (copied < length)
        {
            nint n = copy_file_range(source, IntPtr.Zero, destination, IntPtr.Zero, (nuint)(length - copied), 0);
            if (n < 0) return -1;
            if (n == 0) break;
            copied += n;
        }

        lock (s_progressGate)
        {
            s_progress = s_progress with { FilesDone = s_progress.FilesDone + 1, BytesCopied = s_progress.BytesCopied + copied, LastFile = name };
        }

        return copied;
    }

    public static SyncProgress Progress
    {
        get
        {
            lock (s_progressGate)
            {
                return s_progress;
            }
        }
    }
}
