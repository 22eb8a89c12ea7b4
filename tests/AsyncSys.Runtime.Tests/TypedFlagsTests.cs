using System;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Threading.Tasks;
using AsyncSys.Interop;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Runtime.Tests;

/// <summary>
/// The typed flags reach the kernel as the flags they name, on every backend: OpenFlags (converted to this
/// architecture's values), UnixFileMode, AtFlags, StatxMask, MessageFlags and SocketShutdown. Their values
/// against the C headers are checked in <see cref="InteropLayoutTests"/>.
/// </summary>
public sealed class TypedFlagsTests : IDisposable
{
    private const int F_GETFD = 1;
    private const int FD_CLOEXEC = 1;
    private const int S_IFMT = 0xF000;
    private const int S_IFLNK = 0xA000;
    private readonly string _directory = Directory.CreateTempSubdirectory("asyncsys-flags-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task OpenAtAsync_creates_with_the_mode_given_and_Exclusive_refuses_an_existing_file(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        string path = Path.Combine(_directory, "created");
        const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // 0600: no umask takes bits from it

        int fd = await ring.OpenAtAsync(IoRing.AtCurrentDirectory, path, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive | OpenFlags.CloseOnExec, Mode);
        using (var handle = new SafeFileHandle(fd, ownsHandle: true))
        {
            Assert.Equal(Mode, File.GetUnixFileMode(path));
            Assert.Equal(FD_CLOEXEC, Libc.fcntl(fd, F_GETFD, 0) & FD_CLOEXEC);
        }

        var error = await Assert.ThrowsAsync<ErrnoException>(async () => await ring.OpenAtAsync(IoRing.AtCurrentDirectory, path, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive));
        Assert.Equal(Errno.EEXIST, error.Errno);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task OpenAsync_creates_with_0644_less_the_umask_and_Truncate_empties_the_file(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        string path = Path.Combine(_directory, "default-mode");

        using (SafeFileHandle created = await ring.OpenAsync(path, OpenFlags.ReadWrite | OpenFlags.Create))
        {
            await ring.WriteAsync(created, new byte[] { 1, 2, 3 }, 0);
            Assert.Equal(FD_CLOEXEC, Libc.fcntl((int)created.DangerousGetHandle(), F_GETFD, 0) & FD_CLOEXEC); // OpenAsync adds it
        }

        Assert.Equal((UnixFileMode)(0x1A4 & ~Umask()), File.GetUnixFileMode(path));
        using (SafeFileHandle truncated = await ring.OpenAsync(path, OpenFlags.WriteOnly | OpenFlags.Truncate))
        {
            Assert.Equal(0, new FileInfo(path).Length);
        }
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Directory_and_NoFollow_reach_the_kernel_as_this_architectures_O_DIRECTORY_and_O_NOFOLLOW(IoBackend backend)
    {
        // On arm64 these two have other values than on x86-64: a wrong conversion would open the file instead.
        using var ring = Backends.Create(backend);
        string file = Path.Combine(_directory, "plain");
        string link = Path.Combine(_directory, "link");
        File.WriteAllBytes(file, new byte[] { 9 });
        File.CreateSymbolicLink(link, file);

        var notDirectory = await Assert.ThrowsAsync<ErrnoException>(async () => await ring.OpenAsync(file, OpenFlags.Directory));
        Assert.Equal(Errno.ENOTDIR, notDirectory.Errno);
        var symlink = await Assert.ThrowsAsync<ErrnoException>(async () => await ring.OpenAsync(link, OpenFlags.NoFollow));
        Assert.Equal(Errno.ELOOP, symlink.Errno);
        using SafeFileHandle directory = await ring.OpenAsync(_directory, OpenFlags.Directory);
        Assert.False(directory.IsInvalid);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task StatxAsync_with_EmptyPath_describes_the_descriptor_and_SymlinkNoFollow_the_link_itself(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        string file = Path.Combine(_directory, "sized");
        string link = Path.Combine(_directory, "to-sized");
        File.WriteAllBytes(file, new byte[4321]);
        File.CreateSymbolicLink(link, file);
        using SafeFileHandle handle = File.OpenHandle(file);

        Statx own = await ring.StatxAsync((int)handle.DangerousGetHandle(), string.Empty, AtFlags.EmptyPath, StatxMask.FileSize | StatxMask.Type);
        Statx followed = await ring.StatxAsync(IoRing.AtCurrentDirectory, link, mask: StatxMask.Type);
        Statx linkItself = await ring.StatxAsync(IoRing.AtCurrentDirectory, link, AtFlags.SymlinkNoFollow, StatxMask.Type);

        Assert.Equal(4321ul, own.FileSize);
        Assert.True(own.Mask.HasFlag(StatxMask.FileSize));
        Assert.NotEqual(S_IFLNK, followed.Mode & S_IFMT);
        Assert.Equal(S_IFLNK, linkItself.Mode & S_IFMT);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task MkdirAt_takes_a_UnixFileMode_and_UnlinkAt_RemoveDirectory_removes_it(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        string path = Path.Combine(_directory, "made");

        await ring.SubmitAsync(RingRequest.MkdirAt(IoRing.AtCurrentDirectory, path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(path));

        var notWithoutFlag = await Assert.ThrowsAsync<ErrnoException>(async () => await ring.SubmitAsync(RingRequest.UnlinkAt(IoRing.AtCurrentDirectory, path, AtFlags.None)));
        Assert.Equal(Errno.EISDIR, notWithoutFlag.Errno);
        await ring.SubmitAsync(RingRequest.UnlinkAt(IoRing.AtCurrentDirectory, path, AtFlags.RemoveDirectory));
        Assert.False(Directory.Exists(path));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ReceiveAsync_with_Peek_leaves_the_bytes_and_ShutdownAsync_Send_ends_the_peers_stream(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var pair = new LoopbackPair();
        pair.Client.Send(new byte[] { 10, 20, 30 });
        var peeked = new byte[3];
        var taken = new byte[3];

        Assert.Equal(3, await ring.ReceiveAsync(pair.Server.SafeHandle, peeked, MessageFlags.Peek));
        Assert.Equal(3, await ring.ReceiveAsync(pair.Server.SafeHandle, taken, MessageFlags.WaitAll));
        Assert.Equal(new byte[] { 10, 20, 30 }, peeked);
        Assert.Equal(peeked, taken);

        await ring.ShutdownAsync((int)pair.Server.SafeHandle.DangerousGetHandle(), SocketShutdown.Send);
        Assert.Equal(0, pair.Client.Receive(new byte[1])); // end of stream
        Assert.Equal(2, await ring.SendAsync(pair.Client.SafeHandle, new byte[] { 1, 2 }, MessageFlags.NoSignal)); // the other way still works
    }

    [Fact]
    public void OpenFlags_move_the_four_architecture_bits_and_keep_the_others()
    {
        // arch/arm64/include/uapi/asm/fcntl.h: O_DIRECTORY 040000, O_NOFOLLOW 0100000, O_DIRECT 0200000, O_LARGEFILE 0400000.
        (int, int, int, int) arm64 = (0x10000, 0x20000, 0x4000, 0x8000);
        const OpenFlags Mixed = OpenFlags.ReadWrite | OpenFlags.Create | OpenFlags.CloseOnExec;

        Assert.Equal((int)Mixed | 0x10000, NativeOpenFlags.Convert((int)(Mixed | OpenFlags.Direct), arm64));
        Assert.Equal((int)Mixed | 0x4000 | 0x8000, NativeOpenFlags.Convert((int)(Mixed | OpenFlags.Directory | OpenFlags.NoFollow), arm64));
        Assert.Equal(0x400000 | 0x4000, NativeOpenFlags.Convert((int)OpenFlags.TemporaryFile, arm64)); // __O_TMPFILE | O_DIRECTORY
        Assert.Equal((int)Mixed, NativeOpenFlags.Convert((int)Mixed, arm64));
    }

    private static int Umask()
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("Umask:", StringComparison.Ordinal));
        return Convert.ToInt32(line["Umask:".Length..].Trim(), 8);
    }
}
