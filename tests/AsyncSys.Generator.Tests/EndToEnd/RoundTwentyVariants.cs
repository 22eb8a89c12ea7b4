using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>Two descriptors as a C array of two ints, declared the C# 12 way.</summary>
[InlineArray(2)]
public struct DescriptorPair
{
    private int _element;
}

/// <summary>statx's 256 bytes as an inline array (the size the kernel writes, no field names).</summary>
[InlineArray(256)]
public struct StatxBytes
{
    private byte _element;
}

/// <summary>
/// Shapes held-out round 20 found mishandled: an [InlineArray] struct sized as its one field (pipe2's two descriptors
/// refused as 4 bytes, statx's 256 as 1), and a string path's default value dropped from the ring variant.
/// </summary>
public static unsafe partial class RoundTwentyCalls
{
    public const int ReadOnlyCloseOnExec = 0x80000;

    [DllImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    [AsyncSyscall]
    public static extern int PipeInto(out DescriptorPair pipefd, int flags);

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    [AsyncSyscall]
    public static extern int StatxInto(int dirfd, string pathname, int flags, uint mask, out StatxBytes statxbuf);

    [DllImport("libc", EntryPoint = "openat", SetLastError = true)]
    [AsyncSyscall]
    public static extern int OpenDefaulted(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path = "/dev/null", int flags = ReadOnlyCloseOnExec);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    public static extern int Close(int fd);

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    public static extern int Fcntl(int fd, int cmd, int arg);

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    public static extern nint Write(int fd, byte* buf, nuint count);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    public static extern nint Read(int fd, byte* buf, nuint count);
}
