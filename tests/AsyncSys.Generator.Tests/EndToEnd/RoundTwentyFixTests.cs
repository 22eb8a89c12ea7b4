using System;
using System.Buffers.Binary;
using System.IO;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>
/// What held-out round 20 found, on the real kernel: the size of an [InlineArray] struct was taken as its one field's, so
/// pipe2 into <c>out</c> two descriptors was refused ("holds 4") and statx into 256 inline bytes would be ("holds 1"); and a
/// string path's default value was left off the ring variant, so a call leaving the path out did not compile.
/// </summary>
public sealed class RoundTwentyFixTests : IDisposable
{
    private const int FGetFd = 1, FdCloexec = 1, FGetFl = 3;
    private readonly IoRing _ring = IoRing.Create();
    private readonly string _directory = Directory.CreateTempSubdirectory("asyncsys-round20-").FullName;

    public void Dispose()
    {
        _ring.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Pipe2_into_an_inline_array_of_two_descriptors_returns_both()
    {
        DescriptorPair fds = await RoundTwentyCalls.PipeIntoAsync(_ring, RoundTwentyCalls.ReadOnlyCloseOnExec);
        try
        {
            Assert.Equal(FdCloexec, RoundTwentyCalls.Fcntl(fds[0], FGetFd, 0) & FdCloexec);
            Assert.Equal(FdCloexec, RoundTwentyCalls.Fcntl(fds[1], FGetFd, 0) & FdCloexec);
            Assert.Equal(1, RoundRobin(fds[1], fds[0], 42));
        }
        finally
        {
            RoundTwentyCalls.Close(fds[0]);
            RoundTwentyCalls.Close(fds[1]);
        }

        ErrnoException invalid = await Assert.ThrowsAsync<ErrnoException>(async () => await RoundTwentyCalls.PipeIntoAsync(_ring, 1));
        Assert.Equal(Errno.EINVAL, invalid.Errno);
    }

    [Fact]
    public async Task Statx_into_256_inline_bytes_returns_them()
    {
        string path = Path.Combine(_directory, "sized.bin");
        File.WriteAllBytes(path, new byte[4321]);

        StatxBytes info = await RoundTwentyCalls.StatxIntoAsync(_ring, IoRing.AtCurrentDirectory, path, 0, (uint)StatxMask.BasicStats);

        ReadOnlySpan<byte> bytes = info;
        Assert.Equal(4321UL, BinaryPrimitives.ReadUInt64LittleEndian(bytes.Slice(40)));
        ErrnoException missing = await Assert.ThrowsAsync<ErrnoException>(async () => await RoundTwentyCalls.StatxIntoAsync(_ring, IoRing.AtCurrentDirectory, path + "-missing", 0, (uint)StatxMask.BasicStats));
        Assert.Equal(Errno.ENOENT, missing.Errno);
    }

    [Fact]
    public async Task A_string_path_keeps_its_default_value()
    {
        int fd = await RoundTwentyCalls.OpenDefaultedAsync(_ring, IoRing.AtCurrentDirectory);
        try
        {
            Assert.True(fd >= 0);
            Assert.Equal(0, RoundTwentyCalls.Fcntl(fd, FGetFl, 0) & 3);
            Assert.Equal(FdCloexec, RoundTwentyCalls.Fcntl(fd, FGetFd, 0) & FdCloexec);
        }
        finally
        {
            RoundTwentyCalls.Close(fd);
        }
    }

    /// <summary>Writes one byte into <paramref name="writer"/> and reads it back from <paramref name="reader"/>: 1 when it arrived.</summary>
    private static unsafe int RoundRobin(int writer, int reader, byte value)
    {
        byte sent = value, received = 0;
        return RoundTwentyCalls.Write(writer, &sent, 1) == 1 && RoundTwentyCalls.Read(reader, &received, 1) == 1 && received == value ? 1 : 0;
    }
}
