using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>
/// Calls whose result, or whose out memory, is a new descriptor, beside the ones <see cref="Variants"/> already declares
/// (dup, dup3, fcntl, eventfd, epoll_create1, socket, pipe2, open): the cancellation races in
/// <see cref="DescriptorCancellationTests"/> check that none of them loses a descriptor it made.
/// </summary>
internal static unsafe partial class DescriptorVariants
{
    public const int DupCloseOnExec = 1030;    // F_DUPFD_CLOEXEC
    public const int PidfdOpen = 434;          // __NR_pidfd_open (x86-64 and arm64 alike)

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)] [AsyncSyscall] internal static partial SafeFileHandle DupHandle(SafeFileHandle fd, int cmd, int arg);
    [LibraryImport("libc", EntryPoint = "timerfd_create", SetLastError = true)] [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)] internal static partial int TimerFdCreate(int clockid, int flags);
    [LibraryImport("libc", EntryPoint = "memfd_create", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)] [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)] internal static partial int MemFdCreate(string name, uint flags);
    [LibraryImport("libc", EntryPoint = "inotify_init1", SetLastError = true)] [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)] internal static partial int InotifyInit1(int flags);
    [LibraryImport("libc", EntryPoint = "signalfd", SetLastError = true)] internal static partial int SignalFd(int fd, ulong* mask, int flags);
    [LibraryImport("libc", EntryPoint = "socketpair", SetLastError = true)] [AsyncSyscall] internal static partial int SocketPair(int domain, int type, int protocol, int* sv);
    [LibraryImport("libc", EntryPoint = "accept4", SetLastError = true)] [AsyncSyscall] internal static partial int Accept4(int sockfd, nint addr, nint addrlen, int flags);
    [LibraryImport("libc", EntryPoint = "recvmsg", SetLastError = true)] [AsyncSyscall] internal static partial nint RecvMsg(int sockfd, nint msg, int flags);
    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)] internal static partial long Syscall(long number, int pid, uint flags);

    /// <summary>signalfd(-1, mask, flags): a new descriptor (the mask's signals are never blocked, so it never fires).</summary>
    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int NewSignalFd(ulong mask, int flags) => SignalFd(-1, &mask, flags);

    /// <summary>pidfd_open(2) through syscall(2): glibc before 2.36 has no wrapper.</summary>
    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int PidFdOpen(int pid, uint flags) => (int)Syscall(PidfdOpen, pid, flags);
}
