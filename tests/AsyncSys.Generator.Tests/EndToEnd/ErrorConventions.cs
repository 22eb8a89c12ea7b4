using System.Runtime.InteropServices;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>System.Native's style: the shim's result is an error enum.</summary>
internal enum NativeError : int
{
    Success = 0,
}

/// <summary>
/// Wrappers whose error convention comes from the table's LFS aliases (posix_fallocate64, posix_fadvise64) or is
/// stated with <c>Errors = SyscallErrors.X</c> for calls outside the table; each runs on the real kernel.
/// </summary>
internal static unsafe partial class ErrorConventions
{
    [LibraryImport("libc", EntryPoint = "posix_fallocate64", SetLastError = true)] [AsyncSyscall] internal static partial int PosixFallocate64(int fd, long offset, long len);
    [LibraryImport("libc", EntryPoint = "posix_fadvise64", SetLastError = true)] [AsyncSyscall] internal static partial int PosixFadvise64(int fd, long offset, long len, int advice);
    [LibraryImport("libc", EntryPoint = "fallocate64", SetLastError = true)] [AsyncSyscall] internal static partial int Fallocate64(int fd, int mode, long offset, long len);
    [LibraryImport("libc", EntryPoint = "truncate64", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)] [AsyncSyscall] internal static partial int Truncate64(string path, long length);

    /// <summary>An enum result (System.Native's <c>Error</c>) of a call outside the table: the worker reads it through an explicit cast.</summary>
    [LibraryImport("libc", EntryPoint = "posix_fadvise", SetLastError = true)]
    [AsyncSyscall(Errors = SyscallErrors.ReturnsErrorNumber)]
    internal static partial NativeError PosixFAdviseShim(int fd, long offset, long len, int advice);

    /// <summary>Returns the error number itself, as SystemNative_PosixFAdvise does.</summary>
    [AsyncSyscall(Errors = SyscallErrors.ReturnsErrorNumber)]
    internal static int AdviseSequential(int fd) => PosixFadvise64(fd, 0, 0, 2);

    /// <summary>Returns <c>-errno</c>, as raw syscall shims do.</summary>
    [AsyncSyscall(Errors = SyscallErrors.NegativeErrno)]
    internal static long AdviseNegated(int fd) => -PosixFadvise64(fd, 0, 0, 2);

    /// <summary>Returns NULL (0) with errno, as getcwd does (ERANGE for a buffer with too little room).</summary>
    [AsyncSyscall(Errors = SyscallErrors.NullAndErrno)]
    internal static nint WorkingDirectoryWithRoom(int room)
    {
        byte* buffer = stackalloc byte[room];
        return GetCwdRaw(buffer, (nuint)room);
    }

    /// <summary>
    /// NULL (0) with errno is the failure; every other value is an answer, (nint)(-1) included: uselocale's LC_GLOBAL_LOCALE is
    /// (locale_t)-1, and a helper handing it back for "no locale of its own" returns it as a value.
    /// </summary>
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NullAndErrno)]
    internal static nint GlobalLocaleOr(int room) => room < 0 ? -1 : WorkingDirectoryWithRoom(room);

    /// <summary>Cannot fail: a -1 here is a value, not a failure.</summary>
    [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
    internal static int MinusOneAlways(int fd) => -1;

    /// <summary>-1 and errno, stated for a call outside the table, with an enum result.</summary>
    [LibraryImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    internal static partial NativeError SyncFsShim(int fd);

    /// <summary>An explicit ring operation for an entry point outside the table: the kernel's completion carries -errno.</summary>
    [LibraryImport("libc", EntryPoint = "__pread64", SetLastError = true)]
    [AsyncSyscall(RingOp.Read, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static partial nint ReadAtOnRing(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "getcwd", SetLastError = true)] private static partial nint GetCwdRaw(byte* buf, nuint size);
}
