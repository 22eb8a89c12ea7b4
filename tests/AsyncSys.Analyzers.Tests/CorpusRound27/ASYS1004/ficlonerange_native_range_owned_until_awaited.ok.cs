// The same extent clone with the file_clone_range in native memory owned by a disposable, disposed by a using declaration
// only after the offloaded ioctl has been awaited.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round27.StackMemory.CloneRangeNative;

[StructLayout(LayoutKind.Sequential)]
internal struct FileCloneRange
{
    public long SrcFd;
    public ulong SrcOffset;
    public ulong SrcLength;
    public ulong DestOffset;
}

internal static partial class Native
{
    internal const ulong FICLONERANGE = 0x4020940d;

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Ioctl(int fd, ulong request, nint argument);
}

internal sealed unsafe class NativeCloneRange : IDisposable
{
    private FileCloneRange* _range;

    public NativeCloneRange(int srcFd, long offset, long length)
    {
        _range = (FileCloneRange*)NativeMemory.AllocZeroed((nuint)sizeof(FileCloneRange));
        _range->SrcFd = srcFd;
        _range->SrcOffset = (ulong)offset;
        _range->SrcLength = (ulong)length;
        _range->DestOffset = (ulong)offset;
    }

    public nint Address => (nint)_range;

    public void Dispose()
    {
        NativeMemory.Free(_range);
        _range = null;
    }
}

public static class ExtentCloner
{
    public static async Task<int> CloneExtentAsync(int srcFd, int destFd, long offset, long length, CancellationToken ct)
    {
        using var range = new NativeCloneRange(srcFd, offset, length);
        return await Native.IoctlAsync(destFd, Native.FICLONERANGE, range.Address, ct);
    }
}
