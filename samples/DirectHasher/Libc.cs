using System.Runtime.InteropServices;

namespace AsyncSys.Samples.DirectHasher;

/// <summary>The syscalls the hasher uses; the generator writes their ring variants (OpenAtAsync, PReadAsync, CloseAsync).</summary>
internal static unsafe partial class Libc
{
    public const int ReadOnly = 0x0;          // O_RDONLY
    public const int CloseOnExec = 0x80000;   // O_CLOEXEC

    /// <summary>O_DIRECT: 0x4000 on x86-64, 0x10000 on arm64 (asm/fcntl.h differs per architecture).</summary>
    public static int Direct => RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x10000 : 0x4000;

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    [AsyncSyscall]
    internal static partial int OpenAt(int dirFd, string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PRead(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Close(int fd);
}
