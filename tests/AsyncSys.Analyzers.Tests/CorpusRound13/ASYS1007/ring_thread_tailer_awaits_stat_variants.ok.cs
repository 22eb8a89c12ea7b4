// The log shipper of the .bad twin, awaiting the generated variants of fstat and stat (worker calls) in the rotation
// check: the ring's thread only waits for their completions, and a hung mount stalls this tailer alone. A path that is
// briefly missing during rotation (ENOENT) is retried after the delay.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round13.Blocking.RingThreadTailerStatAwaited;

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

            try
            {
                FileStatus opened = await Native.FstatAsync(ring, fd, cancellationToken);
                FileStatus current = await Native.StatAsync(ring, path, cancellationToken);
                if (opened.Inode != current.Inode)
                {
                    await ring.CloseAsync(fd, cancellationToken);
                    fd = await ring.OpenAtAsync(Native.AT_FDCWD, path, OpenFlags.ReadOnly | OpenFlags.CloseOnExec, UnixFileMode.None, cancellationToken);
                    offset = 0;
                    continue;
                }
            }
            catch (ErrnoException e) when (e.Errno == AsyncSys.Errno.ENOENT)
            {
                // Rotated away and not recreated yet: look again after the delay.
            }

            await ring.DelayAsync(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        await ring.CloseAsync(fd, CancellationToken.None);
    });
}
