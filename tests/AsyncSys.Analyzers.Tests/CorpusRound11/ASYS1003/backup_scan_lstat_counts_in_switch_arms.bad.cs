// A backup tool's offloaded lstat wrapper classifies each path and counts directories and files in static fields from the arms of a switch expression, while the scan runs many lstat calls at once.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round11.Shared.ScanCountsSwitchArms;

[StructLayout(LayoutKind.Sequential)]
internal struct Stat
{
    public ulong Device, Inode, Links;
    public uint Mode, Uid, Gid;
    public int Padding;
    public ulong RawDevice;
    public long Size, BlockSize, Blocks;
    public long AccessSeconds, AccessNanoseconds, ModifySeconds, ModifyNanoseconds, ChangeSeconds, ChangeNanoseconds;
    public long Reserved0, Reserved1, Reserved2;
}

public static partial class TreeScan
{
    private const uint S_IFMT = 0xF000, S_IFDIR = 0x4000, S_IFREG = 0x8000;

    private static long s_directories;
    private static long s_files;

    [DllImport("libc", SetLastError = true)]
    private static extern int lstat(string path, out Stat st);

    /// <summary>Returns the file type bits of the path (S_IFDIR, S_IFREG, ...), or -1 with errno set.</summary>
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Classify(string path)
    {
        if (lstat(path, out Stat st) != 0) return -1;
        uint type = st.Mode & S_IFMT;
        _ = type switch
        {
            S_IFDIR => /*~ASYS1003*/s_directories++,
            S_IFREG => /*~ASYS1003*/s_files++,
            _ => 0L,
        };
        return (int)type;
    }

    public static string Summary => $"{s_directories} directories, {s_files} files";
}
