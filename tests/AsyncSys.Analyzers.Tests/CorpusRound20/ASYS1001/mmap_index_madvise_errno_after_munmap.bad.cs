// An embedding index is mmap'd and hinted with madvise(MADV_WILLNEED). When the hint fails the loader unmaps the
// region and only then reads errno to decide whether to retry without the hint (EAGAIN) or give up. munmap is declared
// with SetLastError and succeeded, so the saved error is munmap's (0 or stale), and the EAGAIN retry never happens.
using System;
using System.Runtime.InteropServices;

namespace Round20.Errno.MadviseThenMunmap;

internal static partial class Native
{
    internal const int MADV_WILLNEED = 3;
    internal const int EAGAIN = 11;

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    internal static partial int Madvise(nint address, nuint length, int advice);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    internal static partial int Munmap(nint address, nuint length);
}

public sealed class MappedIndex
{
    public nint Base { get; private set; }
    public nuint Length { get; private set; }

    public MappedIndex(nint address, nuint length)
    {
        Base = address;
        Length = length;
    }

    public bool TryWarm(out bool retryable)
    {
        if (Native.Madvise(Base, Length, Native.MADV_WILLNEED) != 0)
        {
            Native.Munmap(Base, Length);
            Base = 0;
            retryable = /*~ASYS1001*/Marshal.GetLastPInvokeError() == Native.EAGAIN;
            return false;
        }

        retryable = false;
        return true;
    }
}
