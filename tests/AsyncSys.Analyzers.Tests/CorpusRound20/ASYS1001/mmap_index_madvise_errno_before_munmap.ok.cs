// The same warm-up with the error read first: the madvise failure's errno is kept before munmap runs.
using System;
using System.Runtime.InteropServices;

namespace Round20.Errno.MadviseErrnoFirst;

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
            int errno = Marshal.GetLastPInvokeError();
            Native.Munmap(Base, Length);
            Base = 0;
            retryable = errno == Native.EAGAIN;
            return false;
        }

        retryable = false;
        return true;
    }
}
