using System;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>
/// read and write through spans of 8-byte counters, as eventfd's and timerfd's callers declare them: the count the call
/// takes is in bytes, and the span's is in elements.
/// </summary>
public static partial class CounterSpanVariants
{
    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    [AsyncSyscall]
    public static partial nint ReadCounter(SafeFileHandle fd, Span<ulong> value, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    [AsyncSyscall]
    public static partial nint WriteCounter(SafeFileHandle fd, ReadOnlySpan<ulong> value, nuint count);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    internal static partial int EventFd(uint initval, int flags);
}
