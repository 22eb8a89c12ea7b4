// The restore sync made right: the helper records the failure while holding a lock, so overlapping worker calls add
// their paths and counts one at a time.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round24.SharedState.RestoreFailuresHelperOk;

internal static class Native
{
    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    internal static extern int Fsync(int fd);
}

public static partial class RestoreSync
{
    private static readonly object s_gate = new();
    private static readonly List<string> s_failedPaths = new();
    private static int s_failures;

    public static int Failures { get { lock (s_gate) { return s_failures; } } }
    public static string[] FailedPaths { get { lock (s_gate) { return s_failedPaths.ToArray(); } } }

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int SyncRestored(int fd, string path)
    {
        int rc = Native.Fsync(fd);
        if (rc < 0)
        {
            NoteFailure(path);
        }

        return rc;
    }

    private static void NoteFailure(string path)
    {
        lock (s_gate)
        {
            s_failedPaths.Add(path);
            s_failures++;
        }
    }
}
