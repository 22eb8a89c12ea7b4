// The backup tool of the .bad twin, with the FIEMAP request in native memory. On a timeout the method still throws,
// but the request is freed only by a continuation of the ioctl's task, when the worker's call has returned: the kernel
// never writes into memory that was given back.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round13.StackMemory.FiemapNativeRequest;

[StructLayout(LayoutKind.Sequential)]
public struct Fiemap
{
    public ulong Start;
    public ulong Length;
    public uint Flags;
    public uint MappedExtents;
    public uint ExtentCount;
    public uint Reserved;
}

[StructLayout(LayoutKind.Sequential)]
public struct FiemapExtent
{
    public ulong Logical;
    public ulong Physical;
    public ulong Length;
    public ulong Reserved1;
    public ulong Reserved2;
    public uint Flags;
    public uint Reserved3;
    public uint Reserved4;
    public uint Reserved5;
}

internal static partial class Native
{
    public const nuint FS_IOC_FIEMAP = 0xC020660B;
    public const uint FIEMAP_FLAG_SYNC = 1;

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Ioctl(int fd, nuint request, nint argument);
}

public static class ExtentMapper
{
    private const int MaxExtents = 32;

    public static unsafe int CountExtents(int fd, TimeSpan timeout, Span<FiemapExtent> extents)
    {
        int size = sizeof(Fiemap) + MaxExtents * sizeof(FiemapExtent);
        byte* request = (byte*)NativeMemory.AllocZeroed((nuint)size);
        var map = (Fiemap*)request;
        map->Length = ulong.MaxValue;
        map->Flags = Native.FIEMAP_FLAG_SYNC;
        map->ExtentCount = MaxExtents;

        Task<int> mapping = Native.IoctlAsync(fd, Native.FS_IOC_FIEMAP, (nint)request).AsTask();
        if (!mapping.Wait(timeout))
        {
            // The worker is still in the ioctl: give the request back only when it returns.
            mapping.ContinueWith(static (_, state) => NativeMemory.Free((void*)(nint)state!), (nint)request, TaskScheduler.Default);
            throw new TimeoutException($"FIEMAP did not answer within {timeout}");
        }

        try
        {
            int count = (int)Math.Min(map->MappedExtents, (uint)extents.Length);
            new ReadOnlySpan<FiemapExtent>(request + sizeof(Fiemap), count).CopyTo(extents);
            return count;
        }
        finally
        {
            NativeMemory.Free(request);
        }
    }
}
