// The map-in-map insert made right: the exception (and with it the Errno helper's read) is built right after the
// failed BPF_MAP_UPDATE_ELEM, before the inner map's fd is closed; the close cannot change what it holds.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round31.Errno.BpfUpdateErrnoBeforeClose;

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
            var failure = new ErrnoException(Errno, "bpf(BPF_MAP_UPDATE_ELEM)");
            Native.Close(innerMapFd);
            throw failure;
        }
    }
}
