// A restore tool syncs each restored file through an offloaded wrapper; a helper it calls records failed paths in a
// static List for the end-of-run summary and counts them. Worker calls overlap, so List.Add and the counter race: a
// failed file can be missing from the summary and the tool exits 0 after a partial restore.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round24.SharedState.RestoreFailuresHelper;

internal static class Native
{
    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    internal static extern int Fsync(int fd);
}

public static partial class RestoreSync
{
    private static readonly List<string> s_failedPaths = new();
    private static int s_failures;

    public static IReadOnlyList<string> FailedPaths => s_failedPaths;
    public static int Failures => s_failures;

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
        /*~ASYS1003*/s_failedPaths.Add(path);
        /*~ASYS1003*/s_failures++;
    }
}
