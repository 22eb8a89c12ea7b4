using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>
/// Real wrappers over libc, compiled with the generator as this project's analyzer: their generated
/// <c>XxxAsync</c> methods are what the end-to-end tests call.
/// </summary>
internal static unsafe partial class Libc
{
    public const int ReadWrite = 0x2;       // O_RDWR
    public const int Create = 0x40;         // O_CREAT
    public const int Truncate = 0x200;      // O_TRUNC
    public const int CloseOnExec = 0x80000; // O_CLOEXEC
    public const int LockExclusive = 2;     // LOCK_EX
    public const int LockNonBlocking = 4;   // LOCK_NB

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PRead(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PWrite(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fsync(SafeFileHandle file);

    // RingOp.Poll asks for the ring's form: one descriptor, until ready or cancelled.
    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    [AsyncSyscall(RingOp.Poll)]
    internal static partial int Poll(PollDescriptor* fds, nuint nfds, int timeout);

    // The ring's form in ReturnNegativeErrno mode: the same answers as a number, -errno for a failure.
    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    [AsyncSyscall(RingOp.Poll, ErrorMode = SyscallErrorMode.ReturnNegativeErrno, MethodName = "PollOrErrnoAsync")]
    internal static partial int PollOrErrno(PollDescriptor* fds, nuint nfds, int timeout);

    // An ordinary method stating the ring's poll (no default cancel hook of its own), in both error modes.
    [AsyncSyscall(RingOp.Poll, MethodName = "WaitForAsync")]
    internal static int WaitFor(PollDescriptor* fds, nuint nfds, int timeout) => Poll(fds, nfds, timeout);

    [AsyncSyscall(RingOp.Poll, ErrorMode = SyscallErrorMode.ReturnNegativeErrno, MethodName = "WaitForOrErrnoAsync")]
    internal static int WaitForOrErrno(PollDescriptor* fds, nuint nfds, int timeout) => Poll(fds, nfds, timeout);

    // Without it, poll(2) as declared, on a worker: every pollfd, nfds from the memory's length, and the timeout.
    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    [AsyncSyscall(MethodName = "PollAllAsync")]
    internal static partial int PollAll(PollDescriptor* fds, nuint nfds, int timeout);

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    [AsyncSyscall]
    internal static partial int OpenAt(int dirFd, string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Close(int fd);

    /// <summary>An ordinary method given an explicit ring operation; its out struct becomes the async result.</summary>
    [AsyncSyscall(RingOp.Statx)]
    internal static int StatFile(int dirFd, string path, int flags, uint mask, out Statx statx)
    {
        statx = default;
        fixed (Statx* buffer = &statx)
        {
            return StatxNative(dirFd, path, flags, mask, buffer);
        }
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatxNative(int dirFd, string path, int flags, uint mask, Statx* buffer);

    /// <summary>flock has no ring opcode: its async variant runs on a blocking-call worker.</summary>
    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    [AsyncSyscall(CancelHook = nameof(InterruptWorker))]
    internal static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    private static partial int Pipe2(int* fds, int flags);

    /// <summary>An ordinary method with out-parameters: offloaded, its outs come back in a result record.</summary>
    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int CreatePipe(int flags, out int readFd, out int writeFd)
    {
        int* fds = stackalloc int[2];
        int result = Pipe2(fds, flags);
        readFd = fds[0];
        writeFd = fds[1];
        return result;
    }

    private static void InterruptWorker(BlockingCallInfo call) => call.InterruptWorker();
}

/// <summary><c>struct pollfd</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollDescriptor
{
    public int Fd;
    public short Events;
    public short ReturnedEvents;
}
