// A dataset catalog sizes shards with an offloaded stat wrapper (an instance method: it runs on AsyncSys workers) and
// caches the answer in a plain Dictionary and a "last path" field. The loader stats hundreds of shards at once, so
// workers insert into the Dictionary concurrently (corrupting its buckets, or throwing) and the field is torn.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round20.SharedState.CatalogStatDictionary;

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
    private readonly Dictionary<string, long> _sizes = new();
    private string? _lastStatted;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int MeasureShard(string path)
    {
        int rc = Native.Stat(path, out StatBuffer st);
        if (rc == 0)
        {
            /*~ASYS1003*/_sizes[path] = st.Size;
            /*~ASYS1003*/_lastStatted = path;
        }

        return rc;
    }
}
