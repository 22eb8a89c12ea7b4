using System.Runtime.InteropServices;
using AsyncSys;

/// <summary>Wrappers as a user writes them: the package's generator adds PReadAsync and FlockAsync.</summary>
internal static unsafe partial class Libc
{
    public const int LockExclusive = 2; // LOCK_EX

    // pread has a ring opcode: PReadAsync submits one read to the ring.
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PRead(int fd, byte* buffer, nuint count, long offset);

    // flock has none: FlockAsync runs it on a blocking-call worker, errno read on that worker.
    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Flock(int fd, int operation);
}
