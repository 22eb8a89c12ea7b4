using System;
using System.Runtime.InteropServices;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>The first 8 bytes of struct statx, as a span element: the kernel still writes all 256.</summary>
public struct StatxHead
{
    public uint Mask;
    public uint BlockSize;
}

/// <summary>Spans given where the kernel writes a fixed size whatever their length: statx's struct, pipe's two descriptors.</summary>
public static partial class KernelSizedSpanVariants
{
    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    [AsyncSyscall]
    public static partial int Statx(int dirfd, string path, int flags, uint mask, Span<StatxHead> buffer);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    [AsyncSyscall(RingOp.None)]
    public static partial int StatxBytes(int dirfd, string path, int flags, uint mask, Span<byte> buffer);

    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    [AsyncSyscall]
    public static partial int Pipe2(Span<int> fds, int flags);
}

/// <summary>Calls that return a C int of 0 or -1, declared with a wider result: -1 may arrive zero-extended.</summary>
public static partial class WideResultVariants
{
    [DllImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    [AsyncSyscall]
    public static extern long SyncFileRange(int fd, long offset, long nbytes, uint flags);

    [DllImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    [AsyncSyscall(RingOp.None, MethodName = "SyncFileRangeOnWorkerAsync")]
    public static extern ulong SyncFileRangeUnsigned(int fd, long offset, long nbytes, uint flags);
}

/// <summary>Wrappers whose path may be null (<c>string?</c>): NULL reaches the kernel from the synchronous call (EFAULT).</summary>
public static partial class NullablePathVariants
{
    [DllImport("libc", EntryPoint = "mkdirat", SetLastError = true)]
    [AsyncSyscall]
    public static extern int MkdirAt(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string? path, uint mode);

    [DllImport("libc", EntryPoint = "truncate", SetLastError = true)]
    [AsyncSyscall]
    public static extern int Truncate([MarshalAs(UnmanagedType.LPUTF8Str)] string? path, long length);
}

/// <summary>connect with an address array and its length, as System.Native-style wrappers declare it.</summary>
public static partial class AddressLengthVariants
{
    [DllImport("libc", EntryPoint = "connect", SetLastError = true)]
    [AsyncSyscall]
    public static extern int Connect(SafeHandle socket, byte[] addr, int addrlen);
}

/// <summary>Arrays given where the kernel writes a fixed size: statx's struct, pipe2's two descriptors.</summary>
public static partial class KernelSizedArrayVariants
{
    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    [AsyncSyscall(RingOp.None, MethodName = "StatxOnWorkerAsync")]
    public static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[]? buffer);
}
