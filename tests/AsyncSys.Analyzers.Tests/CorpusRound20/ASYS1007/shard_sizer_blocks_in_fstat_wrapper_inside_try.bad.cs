// A shard sizer opens each shard through the ring and then calls the blocking fstat-based size wrapper (offloaded: its variant runs on a worker) inside a try/finally in
// its async method. fstat on a network filesystem (the dataset lives on NFS) can stall for seconds, holding a pool
// thread per shard being sized.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.Blocking.ShardSizerFstat;

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

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "fstat", SetLastError = true)]
    private static partial int FStat(int fd, StatBuffer* buffer);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static long FileSize(int fd)
    {
        StatBuffer st;
        return FStat(fd, &st) == 0 ? st.Size : -1;
    }
}

public sealed class ShardSizer(IoRing ring)
{
    public async Task<long> SizeAsync(string path, CancellationToken ct)
    {
        int fd = await ring.OpenAtAsync(-100, path, OpenFlags.ReadOnly | OpenFlags.CloseOnExec, cancellationToken: ct);
        try
        {
            return /*~ASYS1007*/Native.FileSize(fd);
        }
        finally
        {
            await ring.CloseAsync(fd, ct);
        }
    }
}
