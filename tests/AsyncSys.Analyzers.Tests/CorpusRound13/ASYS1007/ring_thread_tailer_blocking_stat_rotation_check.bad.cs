// A log shipper tails a file on the ring's own thread (IoRing.RunOnRingAsync, so its continuations skip the thread
// pool): it reads what was appended and, at end of file, checks for rotation by comparing the inode of the open file
// (fstat) with the inode at the path (stat). Both checks call the blocking [AsyncSyscall] wrappers inside the async
// loop: that blocks the ring's own thread, so every other operation on the ring (the shipper's sends, the other
// tailers) stalls behind a stat on a slow or hung NFS mount, and the whole shipper stops until it answers.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round13.Blocking.RingThreadTailerStat;

[StructLayout(LayoutKind.Sequential)]
public struct FileStatus
{
    public ulong Device;
    public ulong Inode;
    public ulong HardLinks;
    public uint Mode;
    public uint UserId;
    public uint GroupId;
    public int Padding;
    public ulong SpecialDevice;
    public long Size;
    public long BlockSize;
    public long Blocks;
    public long AccessSeconds, AccessNanoseconds;
    public long ModifySeconds, ModifyNanoseconds;
    public long ChangeSeconds, ChangeNanoseconds;
    public long Reserved1, Reserved2, Reserved3;
}

internal static partial class Native
{
    public const int AT_FDCWD = -100;

    [LibraryImport("libc", EntryPoint = "fstat", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fstat(int fd, out FileStatus status);

    [LibraryImport("libc", EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    [AsyncSyscall]
    internal static partial int Stat(string path, out FileStatus status);
}

public sealed class RingTailer(IoRing ring, string path, ChannelWriter<byte[]> output)
{
    public Task RunAsync(CancellationToken cancellationToken) => ring.RunOnRingAsync(async () =>
    {
        int fd = await ring.OpenAtAsync(Native.AT_FDCWD, path, OpenFlags.ReadOnly | OpenFlags.CloseOnExec, UnixFileMode.None, cancellationToken);
        long offset = 0;
        byte[] chunk = new byte[64 * 1024];
        while (!cancellationToken.IsCancellationRequested)
        {
            int n = await ring.ReadAsync(fd, chunk, offset, cancellationToken);
            if (n > 0)
            {
                await output.WriteAsync(chunk.AsSpan(0, n).ToArray(), cancellationToken);
                offset += n;
                continue;
            }

            int openedStatus = /*~ASYS1007*/Native.Fstat(fd, out FileStatus opened);
            int currentStatus = /*~ASYS1007*/Native.Stat(path, out FileStatus current);
            if (openedStatus == 0 && currentStatus == 0 && opened.Inode != current.Inode)
            {
                await ring.CloseAsync(fd, cancellationToken);
                fd = await ring.OpenAtAsync(Native.AT_FDCWD, path, OpenFlags.ReadOnly | OpenFlags.CloseOnExec, UnixFileMode.None, cancellationToken);
                offset = 0;
                continue;
            }

            await ring.DelayAsync(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        await ring.CloseAsync(fd, CancellationToken.None);
    });
}
