// The conntrack map lookup made right: the bpf_attr union lives in native memory the map object owns (freed in
// Dispose, after the exporter awaited its last lookup), so the worker's syscall reads it whenever it runs.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round31.StackMemory.ConntrackLookupAttrNative;

internal static class Native
{
    internal const long SYS_bpf = 321;

    [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
    internal static extern long Syscall(long number, int command, nint attr, uint size);
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

public static partial class BpfSys
{
    public const int BPF_MAP_LOOKUP_ELEM = 1;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static long Bpf(int command, nint attr, uint size) => Native.Syscall(Native.SYS_bpf, command, attr, size);
}

public sealed unsafe class ConntrackMap(int mapFd) : IDisposable
{
    private readonly MapElemAttr* _attr = (MapElemAttr*)NativeMemory.AllocZeroed((nuint)sizeof(MapElemAttr));

    // key and value: native memory owned by the caller's flow cursor; one lookup at a time per map object.
    public ValueTask<long> LookupAsync(nint key, nint value, CancellationToken ct)
    {
        _attr->MapFd = (uint)mapFd;
        _attr->Key = (ulong)key;
        _attr->Value = (ulong)value;
        return BpfSys.BpfAsync(BpfSys.BPF_MAP_LOOKUP_ELEM, (nint)_attr, (uint)sizeof(MapElemAttr), ct);
    }

    public void Dispose() => NativeMemory.Free(_attr);
}
