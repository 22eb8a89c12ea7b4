using System.Runtime.InteropServices;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>
/// Calls that wait (a lock, a child), imported the plain way, with no cancel hook stated: the generator gives their
/// worker variants one, so a token ends the wait.
/// </summary>
public static partial class WaitingCalls
{
    public const int LockExclusive = 2, LockNonBlocking = 4, LockUnlock = 8;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int WaitPid(int pid, out int status, int options);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    internal static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    internal static partial int FlockNow(int fd, int operation);
}
