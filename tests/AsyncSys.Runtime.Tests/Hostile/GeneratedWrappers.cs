using System.Runtime.InteropServices;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Wrappers declared the way a user would (docs/getting-started.md, docs/declaring-wrappers.md); the generator writes
/// their XxxAsync variants, which <see cref="GeneratedVariantRound2Tests"/> puts under hostile conditions.
/// </summary>
internal static partial class HostileLibc
{
    public const int EINTR = 4;

    // read has a ring opcode: ReadAsync is one ring read.
    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    [AsyncSyscall]
    internal static unsafe partial nint Read(int fd, byte* buffer, nuint count);

    // flock has none: FlockAsync runs on a worker, and cancelling interrupts it.
    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    [AsyncSyscall(CancelHook = nameof(Interrupt))]
    internal static partial int Flock(int fd, int operation);

    // The same call, failures as -errno.
    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    [AsyncSyscall(ErrorMode = SyscallErrorMode.ReturnNegativeErrno, MethodName = "TryLockAsync")]
    internal static partial int TryLock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall(ErrorMode = SyscallErrorMode.ReturnNegativeErrno, MethodName = "FsyncRawAsync")]
    internal static partial int FsyncRaw(int fd);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint PlainRead(int fd, byte* buffer, nuint count);

    /// <summary>A body that retries EINTR and asks whether its call was cancelled (docs/declaring-wrappers.md, ASYS0018).</summary>
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static unsafe nint ReadRetrying(int fd, byte[] buffer)
    {
        nint n;
        fixed (byte* p = buffer)
        {
            do
            {
                n = PlainRead(fd, p, (nuint)buffer.Length);
            }
            while (n < 0 && Marshal.GetLastPInvokeError() == EINTR && !IoRing.IsBlockingCallCancellationRequested);
        }

        return n;
    }

    private static void Interrupt(BlockingCallInfo call) => call.InterruptWorker();
}
