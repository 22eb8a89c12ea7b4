using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Files that change under the operations reading and writing them: truncated, appended to from many operations at
/// once, on a filesystem that runs out of space, read past the end with O_DIRECT, unlinked while open. Every result is
/// what a plain syscall could have returned at that moment, and no byte is reported that did not move.
/// </summary>
public sealed class FileRound2Tests
{
    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Truncation_while_reads_are_in_flight_gives_only_short_reads_of_the_right_bytes(IoBackend backend, DeliveryMode mode)
    {
        const int OldLength = 1 << 20, NewLength = 75 * 4096, Chunk = 64 * 1024;
        using IoRing ring = Hostile.Create(backend, mode);
        using var file = new TempFile(OldLength);
        using SafeFileHandle handle = file.Open();
        int fd = (int)handle.DangerousGetHandle();
        var rng = new Random(7);
        await Hostile.Run(ring, mode, async () =>
        {
            long[] offsets = Enumerable.Range(0, 48).Select(_ => (long)rng.Next(0, OldLength / 4096) * 4096 + rng.Next(0, 3)).ToArray();
            var buffers = offsets.Select(_ => new byte[Chunk]).ToArray();
            Task<int>[] reads = new Task<int>[offsets.Length];
            for (int i = 0; i < offsets.Length; i++)
            {
                reads[i] = ring.ReadAsync(handle, buffers[i], offsets[i]).AsTask();
                if (i == offsets.Length / 2)
                {
                    Sys.Check(Sys.ftruncate(fd, NewLength), "ftruncate");
                }
            }

            int[] results = await Hostile.Within(Task.WhenAll(reads), ring, "reads racing a truncation");
            for (int i = 0; i < results.Length; i++)
            {
                long o = offsets[i];
                Assert.InRange(results[i], 0, (int)Math.Clamp(OldLength - o, 0, Chunk));

                // Below the new length: the file's bytes. At or past it, a read racing the truncation may also find
                // the page already gone and read the hole the truncation left (zeros), as a plain pread may; the long
                // mode saw that once. Anything else was never in the file.
                for (int b = 0; b < results[i]; b++)
                {
                    byte got = buffers[i][b], had = file.Content[(int)o + b];
                    Assert.True(
                        got == had || (got == 0 && o + b >= NewLength),
                        $"read at {o} returned {got} at +{b} (file offset {o + b}), where the file had {had} (new length {NewLength})");
                }
            }

            // After the truncation, each read returns what a plain pread returns now.
            foreach (long o in new long[] { 0, NewLength - 100, NewLength - 1, NewLength, NewLength + 1, OldLength - 10, OldLength + 5 })
            {
                var buffer = new byte[Chunk];
                int n = await ring.ReadAsync(handle, buffer, o);
                byte[] plain = Sys.PRead(fd, Chunk, o);
                Assert.True(n <= plain.Length, $"at {o}: {n} bytes, a plain pread gives {plain.Length}");
                Assert.True(plain.AsSpan(0, n).SequenceEqual(buffer.AsSpan(0, n)), $"at {o}: other bytes than a plain pread");
                if (o >= NewLength)
                {
                    Assert.Equal(0, n);
                }
            }

            await ring.ReadExactlyAsync(handle, new byte[100], NewLength - 100);
            System.IO.EndOfStreamException eof = await DeliveryModes.Fails<System.IO.EndOfStreamException>(async () => await ring.ReadExactlyAsync(handle, new byte[200], NewLength - 100));
            Assert.Contains("100", eof.Message, StringComparison.Ordinal);
        });

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task O_APPEND_writes_from_many_operations_lose_and_overlap_nothing(IoBackend backend, DeliveryMode mode)
    {
        const int Records = 96, RecordLength = 1000;
        using IoRing ring = Hostile.Create(backend, mode);
        using var file = new TempFile(0);
        int fd = Sys.Check(Sys.open(file.Path, Sys.O_WRONLY | Sys.O_APPEND | Sys.O_CLOEXEC, 0), "open(O_APPEND)");
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                Task[] writes = Enumerable.Range(0, Records).Select(id =>
                {
                    byte[] record = Enumerable.Repeat((byte)id, RecordLength).ToArray();
                    return (id % 3) switch
                    {
                        // At the current position, at an offset (which O_APPEND overrides, as for pwrite), and vectored.
                        0 => ring.WriteAsync(fd, record).AsTask(),
                        1 => ring.WriteAsync(fd, record, fileOffset: 0).AsTask(),
                        _ => ring.WriteAsync(fd, new ReadOnlyMemory<byte>[] { record.AsMemory(0, 300), record.AsMemory(300) }, fileOffset: 0).AsTask(),
                    };
                }).ToArray();
                await Hostile.Within(Task.WhenAll(writes), ring, "the appending writes");
            });
        }
        finally
        {
            Sys.close(fd);
        }

        byte[] content = System.IO.File.ReadAllBytes(file.Path);
        Assert.Equal(Records * RecordLength, content.Length);
        var seen = new HashSet<byte>();
        for (int r = 0; r < Records; r++)
        {
            ReadOnlySpan<byte> record = content.AsSpan(r * RecordLength, RecordLength);
            Assert.True(record.IndexOfAnyExcept(record[0]) < 0, $"record {r} is a mix of several writes");
            Assert.True(seen.Add(record[0]), $"record {record[0]} appears twice");
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task ENOSPC_mid_stream_on_a_full_filesystem_reports_exactly_the_bytes_that_reached_the_files(IoBackend backend, DeliveryMode mode)
    {
        using var mount = SmallTmpfs.TryMount(1 << 20);
        Assert.True(mount.Path is not null, "this test mounts a 1 MiB tmpfs and needs root: " + mount.Why);
        using IoRing ring = Hostile.Create(backend, mode);
        const int Files = 6, ChunkLength = 48 * 1024;
        var handles = Enumerable.Range(0, Files).Select(i => System.IO.File.OpenHandle(System.IO.Path.Combine(mount.Path!, $"f{i}"), System.IO.FileMode.CreateNew, System.IO.FileAccess.ReadWrite)).ToArray();
        var written = new long[Files];
        long filled = 0;
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                // Six writers fill the filesystem together; each stops at its first ENOSPC.
                await Hostile.Within(Task.WhenAll(Enumerable.Range(0, Files).Select(async i =>
                {
                    byte[] stream = Sys.Pattern(2 << 20, seed: i);
                    while (true)
                    {
                        try
                        {
                            int n = await ring.WriteAtMostAsync(handles[i], stream.AsMemory((int)written[i], ChunkLength), written[i]);
                            Assert.InRange(n, 1, ChunkLength);
                            written[i] += n;
                        }
                        catch (ErrnoException e)
                        {
                            Assert.Equal("pwrite", e.Describe(Errno.ENOSPC));
                            return;
                        }
                    }
                })), ring, "the writers");

                filled = written.Sum();

                // WriteAsync (all of it) on a full filesystem: ENOSPC, after whatever part fit.
                ErrnoException all = await DeliveryModes.Fails<ErrnoException>(async () => await ring.WriteAsync(handles[0], new byte[ChunkLength], written[0] + (1 << 20)));
                Assert.Equal(Errno.ENOSPC, all.Errno);
                Assert.Equal(Errno.ENOSPC, (await DeliveryModes.Fails<ErrnoException>(async () => await ring.FallocateAsync(handles[1], 0, 0, 4 << 20))).Errno);

                // Space freed (the largest file emptied), writes work again.
                int largest = Array.IndexOf(written, written.Max());
                await ring.FtruncateAsync(handles[largest], 0);
                written[largest] = 0;
                Assert.Equal(4096, await ring.WriteAtMostAsync(handles[largest], Sys.Pattern(4096, seed: largest), 0));
                written[largest] = 4096;
                await ring.FsyncAsync(handles[largest]);
            });

            // Counted before the largest file was emptied: how the space was shared among the writers is up to them
            // (one writer may fill nearly all of it).
            Assert.True(filled > 512 * 1024, $"only {filled} bytes fit in a 1 MiB filesystem");
            for (int i = 0; i < Files; i++)
            {
                // The file holds exactly the bytes the writes reported (the failed WriteAsync far out may have left a hole).
                byte[] content = Sys.PRead((int)handles[i].DangerousGetHandle(), (int)written[i] + 1, 0);
                Assert.True(content.Length >= written[i], $"file {i} has {content.Length} bytes, the writes reported {written[i]}");
                byte[] expected = Sys.Pattern((int)written[i], seed: i);
                Assert.True(expected.AsSpan().SequenceEqual(content.AsSpan(0, (int)written[i])), $"file {i} differs from what its writes reported");
            }
        }
        finally
        {
            foreach (SafeFileHandle h in handles)
            {
                h.Dispose();
            }
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task O_DIRECT_reads_at_the_end_of_a_file_with_a_partial_last_block_return_the_bytes_up_to_the_end_then_zero(IoBackend backend, DeliveryMode mode)
    {
        const int Length = 10000;
        using IoRing ring = Hostile.Create(backend, mode);
        using var file = new TempFile(Length);
        using DirectFileHandle direct = DirectFileHandle.Open(file.Path, OpenFlags.ReadOnly);
        int a = direct.OffsetAlignment;
        using IMemoryOwner<byte> buffer = AlignedBufferPool.Shared.Rent(16384);
        long lastBlock = Length / a * a;
        await Hostile.Run(ring, mode, async () =>
        {
            Assert.Equal(Length, await ring.ReadAsync(direct, buffer.Memory.Slice(0, 16384), 0));
            Assert.True(file.Content.AsSpan().SequenceEqual(buffer.Memory.Span.Slice(0, Length)));
            Assert.Equal(Length - lastBlock, await ring.ReadAsync(direct, buffer.Memory.Slice(0, 4096 * 2), lastBlock));
            Assert.True(file.Content.AsSpan((int)lastBlock).SequenceEqual(buffer.Memory.Span.Slice(0, Length - (int)lastBlock)));
            Assert.Equal(0, await ring.ReadAsync(direct, buffer.Memory.Slice(0, 4096), lastBlock + (a * ((4096 / a) + 1))));
            Assert.Equal(0, await ring.ReadAsync(direct, buffer.Memory.Slice(0, 4096), 1 << 20));
            Assert.Equal(Length, await ring.ReadAsync(direct, new[] { buffer.Memory.Slice(0, 4096), buffer.Memory.Slice(4096, 4096), buffer.Memory.Slice(8192, 8192) }, 0));
            System.IO.EndOfStreamException eof = await DeliveryModes.Fails<System.IO.EndOfStreamException>(async () => await ring.ReadExactlyAsync(direct, buffer.Memory.Slice(0, 12288), 0));
            Assert.Contains("10000", eof.Message, StringComparison.Ordinal);
        });

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_file_unlinked_while_operations_are_in_flight_keeps_working_through_its_open_descriptors(IoBackend backend, DeliveryMode mode)
    {
        const int Length = 256 * 1024;
        using IoRing ring = Hostile.Create(backend, mode);
        using var file = new TempFile(Length);
        using SafeFileHandle handle = file.Open();
        using DirectFileHandle direct = DirectFileHandle.Open(file.Path, OpenFlags.ReadWrite);
        using IMemoryOwner<byte> aligned = AlignedBufferPool.Shared.Rent(16 * 4096);
        byte[] newData = Sys.Pattern(4096, seed: 9);
        await Hostile.Run(ring, mode, async () =>
        {
            var buffers = Enumerable.Range(0, 16).Select(_ => new byte[8192]).ToArray();
            var reads = Enumerable.Range(0, 16).Select(i => ring.ReadAsync(handle, buffers[i], i * 8192L).AsTask()).ToList();
            var directReads = Enumerable.Range(0, 16).Select(i => ring.ReadAsync(direct, aligned.Memory.Slice(i * 4096, 4096), (16 + i) * 4096L).AsTask()).ToList();
            var writes = Enumerable.Range(0, 8).Select(i => ring.WriteAsync(handle, newData, (long)Length + (i * 4096)).AsTask()).ToList();
            System.IO.File.Delete(file.Path);
            int[] read = await Hostile.Within(Task.WhenAll(reads), ring, "reads across the unlink");
            int[] readDirect = await Hostile.Within(Task.WhenAll(directReads), ring, "O_DIRECT reads across the unlink");
            await Hostile.Within(Task.WhenAll(writes), ring, "writes across the unlink");
            for (int i = 0; i < 16; i++)
            {
                Assert.True(file.Content.AsSpan(i * 8192, read[i]).SequenceEqual(buffers[i].AsSpan(0, read[i])));
                Assert.True(file.Content.AsSpan((16 + i) * 4096, readDirect[i]).SequenceEqual(aligned.Memory.Span.Slice(i * 4096, readDirect[i])));
            }

            // The unlinked file: reads see the writes, fsync works, statx through the descriptor says no links, the path is gone.
            var back = new byte[4096];
            await ring.ReadExactlyAsync(handle, back, Length + (7 * 4096));
            Assert.Equal(newData, back);
            await ring.FsyncAsync(handle);
            Statx stat = await ring.StatxAsync((int)handle.DangerousGetHandle(), string.Empty, AtFlags.EmptyPath);
            Assert.Equal(0u, stat.HardLinks);
            Assert.Equal((ulong)(Length + (8 * 4096)), stat.FileSize);
            Assert.Equal("openat", (await DeliveryModes.Fails<ErrnoException>(async () => await ring.OpenAsync(file.Path, OpenFlags.ReadOnly))).Describe(Errno.ENOENT));
        });

        Assert.Equal(0, ring.InFlightCount);
    }
}

/// <summary>A tmpfs of a given size (or another in-memory file system: ramfs) mounted for one test (needs root), unmounted on dispose.</summary>
internal sealed class SmallTmpfs : IDisposable
{
    private SmallTmpfs(string? path, string why)
    {
        Path = path;
        Why = why;
    }

    public string? Path { get; }

    public string Why { get; }

    public static SmallTmpfs TryMount(int bytes, string type = "tmpfs")
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "asyncsys-tmpfs-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(path);
        (int code, string output) = Run("mount", $"-t {type} -o size={bytes} asyncsys-hostile {path}");
        if (code != 0)
        {
            System.IO.Directory.Delete(path);
            return new SmallTmpfs(null, output);
        }

        return new SmallTmpfs(path, string.Empty);
    }

    public void Dispose()
    {
        if (Path is not null)
        {
            Run("umount", "-l " + Path);
            System.IO.Directory.Delete(Path);
        }
    }

    private static (int Code, string Output) Run(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        string output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
