// The same catalog caching sizes in a ConcurrentDictionary and publishing the last path with Volatile.Write.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round20.SharedState.CatalogStatConcurrent;

[StructLayout(LayoutKind.Sequential)]
public struct StatBuffer
{
    public ulong Dev;
    public ulong Ino;
    public ulong NLink;
    public uint Mode;
    public uint Uid;
    public uint Gid;
    public int Pad0;
    public ulong RDev;
    public long Size;
    public long BlkSize;
    public long Blocks;
    public long ATime, ATimeNs, MTime, MTimeNs, CTime, CTimeNs;
    public long Reserved0, Reserved1, Reserved2;
}

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Stat(string path, out StatBuffer buffer);
}

public sealed partial class ShardCatalog
{
    private readonly ConcurrentDictionary<string, long> _sizes = new();
    private string? _lastStatted;

    public string? LastStatted => Volatile.Read(ref _lastStatted);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int MeasureShard(string path)
    {
        int rc = Native.Stat(path, out StatBuffer st);
        if (rc == 0)
        {
            _sizes[path] = st.Size;
            Volatile.Write(ref _lastStatted, path);
        }

        return rc;
    }
}
