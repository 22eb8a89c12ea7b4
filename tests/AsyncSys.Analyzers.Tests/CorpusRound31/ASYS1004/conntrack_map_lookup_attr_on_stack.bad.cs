// A conntrack exporter looks up flows in a bpf hash map through the generated BpfAsync (the bpf wrapper has no ring
// opcode and runs on an AsyncSys worker). The bpf_attr union is a local of the method that returns the task: when the
// worker makes the syscall the frame is gone, and the kernel reads a map fd and key pointer out of whatever the caller
// has put on the stack since (EBADF, or a lookup in another map that fills the caller's value with garbage).
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round31.StackMemory.ConntrackLookupAttrOnStack;

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

public sealed unsafe class ConntrackMap(int mapFd)
{
    // key and value: native memory owned by the caller's flow cursor for the whole lookup.
    public ValueTask<long> LookupAsync(nint key, nint value, CancellationToken ct)
    {
        MapElemAttr attr = new() { MapFd = (uint)mapFd, Key = (ulong)key, Value = (ulong)value };
        return BpfSys.BpfAsync(BpfSys.BPF_MAP_LOOKUP_ELEM, /*~ASYS1004*/(nint)(&attr), (uint)sizeof(MapElemAttr), ct);
    }
}
