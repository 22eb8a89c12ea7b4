using System;
using System.Runtime.InteropServices;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary><c>struct iovec</c> as the wrappers below declare it.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct IoVec
{
    public void* Base;
    public nuint Length;
}

/// <summary>
/// Wrappers with managed arrays, spans, IntPtr descriptors and params arrays (Mono.Posix and older corefx shapes):
/// arrays go to the ring op the kernel has, sendto and recvfrom keep their address, params stays params.
/// </summary>
internal static unsafe partial class ArrayVariants
{
    [LibraryImport("libc", EntryPoint = "writev", SetLastError = true)] [AsyncSyscall] internal static partial nint WriteV(int fd, IoVec[] iov, int iovcnt);
    [LibraryImport("libc", EntryPoint = "readv", SetLastError = true)] [AsyncSyscall] internal static partial nint ReadV(IntPtr fd, IoVec[] iov, int iovcnt);
    [LibraryImport("libc", EntryPoint = "preadv", SetLastError = true)] [AsyncSyscall] internal static partial nint PReadV(int fd, ReadOnlySpan<IoVec> iov, int iovcnt, long offset);
    [LibraryImport("libc", EntryPoint = "preadv2", SetLastError = true)] [AsyncSyscall] internal static partial nint PReadV2(int fd, IoVec[] iov, int iovcnt, long offset, int flags);
    [LibraryImport("libc", EntryPoint = "accept4", SetLastError = true)] [AsyncSyscall] internal static partial int Accept4(int fd, byte[] addr, ref int addrlen, int flags);
    [LibraryImport("libc", EntryPoint = "accept4", SetLastError = true)] [AsyncSyscall] internal static partial int Accept4Pointers(int fd, byte* addr, uint* addrlen, int flags);
    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)] [AsyncSyscall] internal static partial int Connect(IntPtr fd, byte[] addr, int addrlen);
    [LibraryImport("libc", EntryPoint = "listen", SetLastError = true)] [AsyncSyscall] internal static partial int Listen(int fd, int backlog);
    [LibraryImport("libc", EntryPoint = "sendto", SetLastError = true)] [AsyncSyscall] internal static partial nint SendTo(int fd, byte[] buf, nuint len, int flags, byte[] addr, int addrlen);
    [LibraryImport("libc", EntryPoint = "recvfrom", SetLastError = true)] [AsyncSyscall] internal static partial nint RecvFrom(int fd, byte[] buf, nuint len, int flags, byte[] addr, ref int addrlen);

    /// <summary>open returning a SafeHandle: a failed call gives a handle wrapping -1, which the variant must not return.</summary>
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [AsyncSyscall]
    internal static extern Microsoft.Win32.SafeHandles.SafeFileHandle OpenHandle([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    /// <summary>fcntl as Mono.Posix-style code writes it: the optional argument as a params array.</summary>
    [AsyncSyscall]
    internal static int Fcntl(int fd, int cmd, params int[] args) => Variants.Fcntl(fd, cmd, args.Length > 0 ? args[0] : 0);
}
