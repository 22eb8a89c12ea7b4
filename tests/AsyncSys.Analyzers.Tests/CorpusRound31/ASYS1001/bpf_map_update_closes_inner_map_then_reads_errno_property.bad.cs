// A bpf loader puts a freshly created inner map into an outer map-in-map with BPF_MAP_UPDATE_ELEM. When the update
// fails it closes the inner map's fd first (so it does not leak) and then builds the exception from its Errno helper
// property. The close ran in between and saved its own (successful) result, so the exception says errno 0 instead of
// E2BIG or EINVAL, and the operator cannot tell a full outer map from a wrong value size.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round31.Errno.BpfUpdateErrnoAfterClose;

internal static class Native
{
    internal const long SYS_bpf = 321;
    internal const int BPF_MAP_UPDATE_ELEM = 2;

    [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
    internal static extern long Bpf(long number, int command, nint attr, uint size);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static extern int Close(int fd);
}

[StructLayout(LayoutKind.Sequential)]
internal struct MapElemAttr
{
    public uint MapFd;
    public uint Padding;
    public ulong Key;
    public ulong Value;
    public ulong Flags;
}

public static unsafe class OuterMap
{
    private static int Errno => Marshal.GetLastPInvokeError();

    public static void Insert(int outerMapFd, uint slot, int innerMapFd)
    {
        MapElemAttr attr = new() { MapFd = (uint)outerMapFd, Key = (ulong)(&slot), Value = (ulong)(&innerMapFd) };
        long rc = Native.Bpf(Native.SYS_bpf, Native.BPF_MAP_UPDATE_ELEM, (nint)(&attr), (uint)sizeof(MapElemAttr));
        if (rc < 0)
        {
            Native.Close(innerMapFd);
            throw new ErrnoException(/*~ASYS1001*/Errno, "bpf(BPF_MAP_UPDATE_ELEM)");
        }
    }
}
