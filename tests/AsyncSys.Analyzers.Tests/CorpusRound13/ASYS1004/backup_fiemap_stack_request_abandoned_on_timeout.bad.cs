// A backup tool maps a sparse file's extents with FS_IOC_FIEMAP so it copies only the allocated ranges. The ioctl runs
// through its generated worker variant, with a bounded wait so a hung network filesystem cannot stall the whole backup:
// `IoctlAsync(...).AsTask().Wait(timeout)`, and a TimeoutException when it does not finish. The request (struct fiemap
// and its extent array) is a stackalloc buffer of CountExtents. On a timeout the method throws and its frame is gone
// while the worker is still inside the ioctl: when the filesystem answers, the kernel writes the extents over whatever
// the stack holds by then (the catch handlers' frames), corrupting them.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round13.StackMemory.FiemapStackRequestOnTimeout;

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
        byte* request = stackalloc byte[size];
        new Span<byte>(request, size).Clear();
        var map = (Fiemap*)request;
        map->Length = ulong.MaxValue;
        map->Flags = Native.FIEMAP_FLAG_SYNC;
        map->ExtentCount = MaxExtents;

        var mapping = /*~ASYS1004*/Native.IoctlAsync(fd, Native.FS_IOC_FIEMAP, (nint)request).AsTask();
        if (!mapping.Wait(timeout))
        {
            throw new TimeoutException($"FIEMAP did not answer within {timeout}");
        }

        int count = (int)Math.Min(map->MappedExtents, (uint)extents.Length);
        new ReadOnlySpan<FiemapExtent>(request + sizeof(Fiemap), count).CopyTo(extents);
        return count;
    }
}
