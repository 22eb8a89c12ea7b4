// A pty allocator resolves the slave's device name with an offloaded wrapper around ptsname_r (no ring opcode: it runs on
// an AsyncSys worker). To allocate nothing per call it formats into a [ThreadStatic] scratch array, lazily created,
// which the call fills completely before reading it and never keeps: the worker's own scratch is exactly what it should
// use, and nothing of the caller's thread is read.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round29.PerThread.OffloadedPtsnameScratch;

public static partial class PtyNames
{
    [ThreadStatic]
    private static byte[]? t_nameScratch;

    [DllImport("libc", EntryPoint = "ptsname_r", SetLastError = true)]
    private static extern int PtsNameR(int fd, byte[] buffer, nuint length);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
    public static string SlaveName(int masterFd)
    {
        byte[] scratch = t_nameScratch ??= new byte[128];
        if (PtsNameR(masterFd, scratch, (nuint)scratch.Length) != 0)
        {
            return "";
        }

        int end = Array.IndexOf(scratch, (byte)0);
        return System.Text.Encoding.ASCII.GetString(scratch, 0, end < 0 ? scratch.Length : end);
    }
}
