using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>
/// What held-out round 5 found, on the real kernel: a nullable path must reach the kernel as the synchronous call passes
/// it (NULL: EFAULT), and a span where the kernel writes a fixed size must hold that size before the call.
/// </summary>
public sealed class RoundFiveFixTests : IDisposable
{
    private const int AtFdCwd = -100;
    private const int StatxBasicStats = 0x7ff;
    private readonly IoRing _ring = IoRing.Create();
    private readonly string _directory = Directory.CreateTempSubdirectory("asyncsys-round5-").FullName;

    public void Dispose()
    {
        _ring.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_null_path_of_a_ring_call_runs_the_wrapper_and_fails_with_EFAULT_as_the_call_does()
    {
        int sync = NullablePathVariants.MkdirAt(AtFdCwd, null, 0x1ed);
        int errno = Marshal.GetLastPInvokeError();
        ErrnoException error = await Assert.ThrowsAsync<ErrnoException>(async () => await NullablePathVariants.MkdirAtAsync(_ring, AtFdCwd, null, 0x1ed));

        Assert.Equal(-1, sync);
        Assert.Equal(Errno.EFAULT, errno);
        Assert.Equal(Errno.EFAULT, error.Errno);
        Assert.Equal(0, await NullablePathVariants.MkdirAtAsync(_ring, AtFdCwd, Path.Combine(_directory, "made"), 0x1ed));
        Assert.True(Directory.Exists(Path.Combine(_directory, "made")));
    }

    [Fact]
    public async Task A_null_path_of_a_worker_call_reaches_the_kernel_as_NULL()
    {
        ErrnoException error = await Assert.ThrowsAsync<ErrnoException>(async () => await NullablePathVariants.TruncateAsync(_ring, null, 0));
        Assert.Equal(Errno.EFAULT, error.Errno);
    }

    [Fact]
    public void A_nullable_path_stays_nullable_on_both_the_ring_and_the_worker_variant()
    {
        var context = new NullabilityInfoContext();
        foreach (string name in new[] { nameof(NullablePathVariants.MkdirAtAsync), nameof(NullablePathVariants.TruncateAsync) })
        {
            foreach (MethodInfo variant in typeof(NullablePathVariants).GetMethods().Where(m => m.Name == name))
            {
                ParameterInfo path = variant.GetParameters().Single(p => p.Name == "path");
                Assert.Equal(NullabilityState.Nullable, context.Create(path).WriteState);
            }
        }
    }

    [Fact]
    public async Task Statx_into_a_span_of_structs_shorter_than_struct_statx_is_refused_before_the_kernel_writes()
    {
        string file = Path.Combine(_directory, "statx.bin");
        File.WriteAllBytes(file, new byte[36]);
        StatxHead[] larger = new StatxHead[64];

        ArgumentException refused = await Assert.ThrowsAsync<ArgumentException>(async () =>
            await KernelSizedSpanVariants.StatxAsync(_ring, AtFdCwd, file, 0, StatxBasicStats, new Memory<StatxHead>(larger, 0, 1)));
        Assert.Equal("buffer", refused.ParamName);
        Assert.All(larger, head => Assert.Equal(default, head));

        StatxHead[] viaSync = new StatxHead[32], viaAsync = new StatxHead[32];
        Assert.Equal(0, KernelSizedSpanVariants.Statx(AtFdCwd, file, 0, StatxBasicStats, viaSync));
        Assert.Equal(0, await KernelSizedSpanVariants.StatxAsync(_ring, AtFdCwd, file, 0, StatxBasicStats, viaAsync));
        Assert.Equal(viaSync[0].Mask, viaAsync[0].Mask);
        Assert.NotEqual(0u, viaAsync[0].Mask);
    }

    [Fact]
    public async Task Statx_into_a_byte_span_on_a_worker_is_refused_below_256_bytes()
    {
        string file = Path.Combine(_directory, "statx-bytes.bin");
        File.WriteAllBytes(file, new byte[36]);
        byte[] larger = Enumerable.Repeat((byte)0xEE, 512).ToArray();

        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await KernelSizedSpanVariants.StatxBytesAsync(_ring, AtFdCwd, file, 0, StatxBasicStats, new Memory<byte>(larger, 0, 16)));
        Assert.All(larger, b => Assert.Equal(0xEE, b));
        Assert.Equal(0, await KernelSizedSpanVariants.StatxBytesAsync(_ring, AtFdCwd, file, 0, StatxBasicStats, new Memory<byte>(larger, 0, 256)));
        Assert.Equal(36, BitConverter.ToInt64(larger, 40));
    }

    [Fact]
    public async Task Statx_into_an_array_on_a_worker_is_refused_below_256_bytes_and_a_null_one_is_NULL()
    {
        string file = Path.Combine(_directory, "statx-array.bin");
        File.WriteAllBytes(file, new byte[36]);

        await Assert.ThrowsAsync<ArgumentException>(async () => await KernelSizedArrayVariants.StatxOnWorkerAsync(_ring, AtFdCwd, file, 0, StatxBasicStats, new byte[16]));
        ErrnoException nullBuffer = await Assert.ThrowsAsync<ErrnoException>(async () => await KernelSizedArrayVariants.StatxOnWorkerAsync(_ring, AtFdCwd, file, 0, StatxBasicStats, null));
        Assert.Equal(Errno.EFAULT, nullBuffer.Errno);
        byte[] buffer = new byte[256];
        Assert.Equal(0, await KernelSizedArrayVariants.StatxOnWorkerAsync(_ring, AtFdCwd, file, 0, StatxBasicStats, buffer));
        Assert.Equal(36, BitConverter.ToInt64(buffer, 40));
    }

    [Fact]
    public async Task Pipe2_into_a_span_of_one_int_is_refused_and_into_two_gives_both_descriptors()
    {
        int[] larger = { -7, -7, -7 };
        await Assert.ThrowsAsync<ArgumentException>(async () => await KernelSizedSpanVariants.Pipe2Async(_ring, new Memory<int>(larger, 0, 1), 0x80000));
        Assert.All(larger, fd => Assert.Equal(-7, fd));

        int[] fds = new int[2];
        Assert.Equal(0, await KernelSizedSpanVariants.Pipe2Async(_ring, fds, 0x80000));
        Assert.True(fds[0] > 2 && fds[1] > 2 && fds[0] != fds[1]);
        Assert.Equal(0, Close(fds[0]));
        Assert.Equal(0, Close(fds[1]));
    }

    [Fact]
    public async Task A_zero_or_minus_one_call_declared_wider_than_its_int_fails_rather_than_returning_4294967295()
    {
        // glibc's sync_file_range leaves -1 in eax with the upper half of rax zero: a long result reads 4294967295.
        long sync = WideResultVariants.SyncFileRange(-1, 0, 0, 2);
        Assert.Equal(-1, unchecked((int)sync));

        ErrnoException onRingFallback = await Assert.ThrowsAsync<ErrnoException>(async () => await WideResultVariants.SyncFileRangeAsync(_ring, -1, 0, 0, 2));
        ErrnoException onWorker = await Assert.ThrowsAsync<ErrnoException>(async () => await WideResultVariants.SyncFileRangeOnWorkerAsync(_ring, -1, 0, 0, 2));
        Assert.Equal(Errno.EBADF, onRingFallback.Errno);
        Assert.Equal(Errno.EBADF, onWorker.Errno);

        string file = Path.Combine(_directory, "range.bin");
        File.WriteAllBytes(file, new byte[64]);
        using Microsoft.Win32.SafeHandles.SafeFileHandle handle = File.OpenHandle(file, FileMode.Open, FileAccess.ReadWrite);
        int fd = (int)handle.DangerousGetHandle();
        Assert.Equal(0, await WideResultVariants.SyncFileRangeAsync(_ring, fd, 0, 0, 2));
        Assert.Equal(0UL, await WideResultVariants.SyncFileRangeOnWorkerAsync(_ring, fd, 0, 0, 2));
    }

    [Fact]
    public async Task An_address_length_the_ring_refuses_but_inside_the_array_gets_the_kernels_answer()
    {
        using var receiver = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
        using var sender = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
        receiver.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        byte[] address = new byte[16];
        address[0] = 2;
        address[2] = (byte)(((System.Net.IPEndPoint)receiver.LocalEndPoint!).Port >> 8);
        address[3] = (byte)((System.Net.IPEndPoint)receiver.LocalEndPoint!).Port;
        address[4] = 127;
        address[7] = 1;
        using var closed = new Microsoft.Win32.SafeHandles.SafeFileHandle(999_999, ownsHandle: false);
        using var open = new Microsoft.Win32.SafeHandles.SafeFileHandle(sender.Handle, ownsHandle: false);

        foreach ((SafeHandle socket, int length) in new (SafeHandle, int)[] { (closed, 0), (open, 0), (open, 1) })
        {
            int sync = AddressLengthVariants.Connect(socket, address, length);
            int errno = Marshal.GetLastPInvokeError();
            ErrnoException error = await Assert.ThrowsAsync<ErrnoException>(async () => await AddressLengthVariants.ConnectAsync(_ring, socket, address, length));
            Assert.Equal(-1, sync);
            Assert.Equal(errno, error.Errno);
        }

        Assert.Equal(Errno.EBADF, (await Assert.ThrowsAsync<ErrnoException>(async () => await AddressLengthVariants.ConnectAsync(_ring, closed, address, 0))).Errno);
        // Past the array the kernel would read other memory: refused before any call.
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await AddressLengthVariants.ConnectAsync(_ring, open, address, 17));
        Assert.Equal(0, await AddressLengthVariants.ConnectAsync(_ring, open, address, 16));
    }

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
