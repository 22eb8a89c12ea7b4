using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Round 11, part B (blind: written from docs/*.md, the PublicAPI files and the public XML docs): event descriptors and
/// odd files under ring reads and writes, each compared with what the plain call answers. Round 3 covered the counters'
/// short reads, a 1-byte inotify read with an event pending and a FIFO opened O_RDWR; this round covers what waits.
/// </summary>
public sealed class OddFileRound11Tests
{
    private static async Task<ErrnoException> Refused(Func<Task> call) => await DeliveryModes.Fails<ErrnoException>(call);

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Round11_eventfd_semaphore_reads_each_get_one_unit_and_an_overflowing_write_waits_for_a_read(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        int sem = Sys.Check(Sys.eventfd(0, Sys.EFD_CLOEXEC | Sys.EFD_SEMAPHORE), "eventfd");
        int counter = Sys.Check(Sys.eventfd(0, Sys.EFD_CLOEXEC), "eventfd");
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                // Semaphore mode: three waiting reads, then 3 added at once: each read gets exactly 1.
                var buffers = Enumerable.Range(0, 3).Select(_ => new byte[8]).ToArray();
                Task<int>[] reads = buffers.Select(b => ring.ReadAsync(sem, b).AsTask()).ToArray();
                await Hostile.UntilPending(ring, 3);
                Sys.WriteAll(sem, BitConverter.GetBytes(3UL));
                Assert.Equal(new[] { 8, 8, 8 }, await Hostile.Within(Task.WhenAll(reads), ring, "three semaphore reads"));
                Assert.All(buffers, b => Assert.Equal(1UL, BitConverter.ToUInt64(b)));

                // A read of 4 bytes is EINVAL at once, in both modes, counter or not.
                ErrnoException e = await Refused(async () => await Hostile.Within(ring.ReadAsync(sem, new byte[4]).AsTask(), ring, "a 4-byte semaphore read"));
                Assert.Equal(Errno.EINVAL, e.Errno);

                // Counter mode: two writes add up; one read takes the sum and resets it.
                Assert.Equal(8, await Hostile.Within(ring.WriteAtMostAsync(counter, BitConverter.GetBytes(2UL)).AsTask(), ring, "a counter write"));
                Assert.Equal(8, await Hostile.Within(ring.WriteAtMostAsync(counter, BitConverter.GetBytes(5UL)).AsTask(), ring, "a counter write"));
                var sum = new byte[8];
                Assert.Equal(8, await Hostile.Within(ring.ReadAsync(counter, sum).AsTask(), ring, "a counter read"));
                Assert.Equal(7UL, BitConverter.ToUInt64(sum));

                // The counter's largest value is 2^64 - 2: a write that would pass it waits for a read, then lands.
                Assert.Equal(8, await Hostile.Within(ring.WriteAtMostAsync(counter, BitConverter.GetBytes(ulong.MaxValue - 1)).AsTask(), ring, "filling the counter"));
                Task<int> over = ring.WriteAtMostAsync(counter, BitConverter.GetBytes(1UL)).AsTask();
                await Hostile.UntilPending(ring, 1);
                Assert.False(over.IsCompleted, "a write past the counter's maximum must wait");
                Assert.Equal(8, await Hostile.Within(ring.ReadAsync(counter, sum).AsTask(), ring, "draining the counter"));
                Assert.Equal(ulong.MaxValue - 1, BitConverter.ToUInt64(sum));
                Assert.Equal(8, await Hostile.Within(over, ring, "the write that waited"));
                Assert.Equal(8, await Hostile.Within(ring.ReadAsync(counter, sum).AsTask(), ring, "its unit"));
                Assert.Equal(1UL, BitConverter.ToUInt64(sum));

                // The same on an EFD_NONBLOCK counter: the synchronous write would answer EAGAIN; the ring's waits.
                int nonBlocking = Sys.Check(Sys.eventfd(0, Sys.EFD_CLOEXEC | Sys.O_NONBLOCK), "eventfd(EFD_NONBLOCK)");
                try
                {
                    Assert.Equal(8, await Hostile.Within(ring.WriteAtMostAsync(nonBlocking, BitConverter.GetBytes(ulong.MaxValue - 1)).AsTask(), ring, "filling the non-blocking counter"));
                    Task<int> waiting = ring.WriteAtMostAsync(nonBlocking, BitConverter.GetBytes(1UL)).AsTask();
                    await Hostile.UntilPending(ring, 1);
                    Assert.False(waiting.IsCompleted, "a write past a non-blocking counter's maximum must wait");
                    Assert.Equal(8, await Hostile.Within(ring.ReadAsync(nonBlocking, sum).AsTask(), ring, "draining the non-blocking counter"));
                    Assert.Equal(8, await Hostile.Within(waiting, ring, "the non-blocking write that waited"));
                }
                finally
                {
                    Sys.close(nonBlocking);
                }

                // 2^64 - 1 is never a value: EINVAL, as write(2).
                e = await Refused(async () => await Hostile.Within(ring.WriteAtMostAsync(counter, BitConverter.GetBytes(ulong.MaxValue)).AsTask(), ring, "writing 2^64-1"));
                Assert.Equal(Errno.EINVAL, e.Errno);
            });
        }
        finally
        {
            Sys.close(sem);
            Sys.close(counter);
        }

        Assert.Equal(0, ring.InFlightCount);
        DeliveryModes.EachEndedOnce(counts, completed: 3 + 2 + 1 + 1 + 1 + 1 + 1 + 3, failed: 2);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Round11_timerfd_reads_wait_for_expiries_and_see_a_settime_made_while_they_wait(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        int timer = Sys.Check(Sys.timerfd_create(1 /* CLOCK_MONOTONIC */, Sys.TFD_CLOEXEC), "timerfd_create");
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                var expiries = new byte[8];

                // Armed for an hour, then re-armed for 5 ms while the read waits: the read ends with one expiry.
                Sys.ArmOnce(timer, 3_600_000_000_000);
                Task<int> read = ring.ReadAsync(timer, expiries).AsTask();
                await Hostile.UntilPending(ring, 1);
                Sys.ArmOnce(timer, 5_000_000);
                Assert.Equal(8, await Hostile.Within(read, ring, "a timerfd read re-armed while it waits"));
                Assert.Equal(1UL, BitConverter.ToUInt64(expiries));

                // Disarmed while a read waits: the read keeps waiting until its token ends it; the timer is still readable
                // by the next read once it expires.
                Sys.ArmOnce(timer, 3_600_000_000_000);
                using var token = new CancellationTokenSource();
                read = ring.ReadAsync(timer, expiries, token.Token).AsTask();
                await Hostile.UntilPending(ring, 1);
                Sys.ArmOnce(timer, 0);
                Assert.False(read.IsCompleted, "a disarmed timer's read must wait");
                token.Cancel();
                await DeliveryModes.Fails<OperationCanceledException>(async () => await Hostile.Within(read, ring, "a cancelled timerfd read"));
                Sys.ArmOnce(timer, 1_000_000);
                Assert.Equal(8, await Hostile.Within(ring.ReadAsync(timer, expiries).AsTask(), ring, "the next expiry"));
                Assert.Equal(1UL, BitConverter.ToUInt64(expiries));
            });
        }
        finally
        {
            Sys.close(timer);
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Round11_inotify_reads_wait_for_an_event_and_one_too_small_for_it_is_EINVAL_with_the_event_kept(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        DirectoryInfo directory = Directory.CreateTempSubdirectory("asyncsys-r11-");
        int watch = Sys.Check(Sys.inotify_init1(Sys.IN_CLOEXEC), "inotify_init1");
        try
        {
            Sys.Check(Sys.inotify_add_watch(watch, directory.FullName, (uint)Sys.IN_CREATE), "inotify_add_watch");
            await Hostile.Run(ring, mode, async () =>
            {
                // A read that fits waits for the event: struct inotify_event (16 bytes) and the name, padded.
                var events = new byte[4096];
                Task<int> read = ring.ReadAsync(watch, events).AsTask();
                await Hostile.UntilPending(ring, 1);
                File.WriteAllBytes(Path.Combine(directory.FullName, "first-file-name"), Array.Empty<byte>());
                int n = await Hostile.Within(read, ring, "an inotify read");
                Assert.True(n >= 16 + "first-file-name".Length, $"the event was {n} bytes");
                Assert.Equal(Sys.IN_CREATE, BitConverter.ToInt32(events, 4) & Sys.IN_CREATE);
                Assert.StartsWith("first-file-name", Encoding.ASCII.GetString(events, 16, n - 16));

                // A read of 16 bytes waits too; the event that comes does not fit: EINVAL, and the event stays.
                Task<int> small = ring.ReadAsync(watch, new byte[16]).AsTask();
                await Hostile.UntilPending(ring, 1);
                File.WriteAllBytes(Path.Combine(directory.FullName, "second-file-name"), Array.Empty<byte>());
                ErrnoException e = await Refused(async () => await Hostile.Within(small, ring, "a too small inotify read"));
                Assert.Equal(Errno.EINVAL, e.Errno);
                n = await Hostile.Within(ring.ReadAsync(watch, events).AsTask(), ring, "the kept event");
                Assert.StartsWith("second-file-name", Encoding.ASCII.GetString(events, 16, n - 16));
            });
        }
        finally
        {
            Sys.close(watch);
            directory.Delete(recursive: true);
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Round11_FIFO_readers_see_a_writer_come_and_go_end_of_file_then_data_again(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        DirectoryInfo directory = Directory.CreateTempSubdirectory("asyncsys-r11-");
        string path = Path.Combine(directory.FullName, "fifo");
        Sys.Check(Sys.mkfifo(path, Convert.ToInt32("600", 8)), "mkfifo");
        int readOnly = Sys.Check(Sys.open(path, Sys.O_RDONLY | Sys.O_NONBLOCK | Sys.O_CLOEXEC, 0), "open(O_RDONLY|O_NONBLOCK)");
        int readWrite = -1;
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                var buffer = new byte[16];

                // No writer has ever opened it: read(2) answers 0 at once; so must the ring.
                Assert.Equal(0, await Hostile.Within(ring.ReadAsync(readOnly, buffer).AsTask(), ring, "a read before any writer"));

                for (int visit = 0; visit < 3; visit++)
                {
                    // A writer comes: a read waits for its bytes (O_NONBLOCK on the read end: the ring still waits).
                    int writer = Sys.Check(Sys.open(path, Sys.O_WRONLY | Sys.O_CLOEXEC, 0), "open(O_WRONLY)");
                    Task<int> read = ring.ReadAsync(readOnly, buffer).AsTask();
                    await Hostile.UntilPending(ring, 1);
                    Sys.WriteAll(writer, new byte[] { (byte)visit, 42 });
                    Assert.Equal(2, await Hostile.Within(read, ring, $"visit {visit}'s bytes"));
                    Assert.Equal((byte)visit, buffer[0]);

                    // It goes: end of file, for a read that was waiting and for the next one.
                    read = ring.ReadAsync(readOnly, buffer).AsTask();
                    await Hostile.UntilPending(ring, 1);
                    Sys.Check(Sys.close(writer), "close(writer)");
                    Assert.Equal(0, await Hostile.Within(read, ring, $"end of file after visit {visit}"));
                    Assert.Equal(0, await Hostile.Within(ring.ReadAsync(readOnly, buffer).AsTask(), ring, "end of file again"));
                }

                // Opened O_RDWR, the FIFO always has a writer: a read waits through a writer's coming and going.
                readWrite = Sys.Check(Sys.open(path, Sys.O_RDWR | Sys.O_CLOEXEC, 0), "open(O_RDWR)");
                using var token = new CancellationTokenSource();
                Task<int> held = ring.ReadAsync(readWrite, buffer, token.Token).AsTask();
                await Hostile.UntilPending(ring, 1);
                int other = Sys.Check(Sys.open(path, Sys.O_WRONLY | Sys.O_CLOEXEC, 0), "open(O_WRONLY)");
                Sys.Check(Sys.close(other), "close");
                Assert.False(held.IsCompleted, "a read of a FIFO opened O_RDWR saw end of file");
                Sys.WriteAll(readWrite, new byte[] { 9 });
                int got = await Hostile.Within(held, ring, "the O_RDWR read");
                Assert.Equal(1, got);
                Assert.Equal(9, buffer[0]);
            });
        }
        finally
        {
            Sys.close(readOnly);
            if (readWrite >= 0)
            {
                Sys.close(readWrite);
            }

        }

        // Every operation ended: no duplicate of the FIFO is left open (the workers hold one while an operation waits).
        Assert.Equal(0, ring.InFlightCount);
        Assert.Equal(0, Sys.DescriptorsNaming(path));
        directory.Delete(recursive: true);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Round11_dev_zero_null_and_urandom_take_large_reads_and_writes_as_the_plain_calls_do(IoBackend backend, DeliveryMode mode)
    {
        const int Large = 16 << 20;
        using IoRing ring = Hostile.Create(backend, mode);
        int zero = Sys.Check(Sys.open("/dev/zero", Sys.O_RDWR | Sys.O_CLOEXEC, 0), "open(/dev/zero)");
        int nul = Sys.Check(Sys.open("/dev/null", Sys.O_RDWR | Sys.O_CLOEXEC, 0), "open(/dev/null)");
        int random = Sys.Check(Sys.open("/dev/urandom", Sys.O_RDWR | Sys.O_CLOEXEC, 0), "open(/dev/urandom)");
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                byte[] big = new byte[Large];
                big.AsSpan().Fill(0xA5);

                // /dev/zero: a large read returns zeros (it may stop early when a signal is pending: round 3), never more.
                int n = await Hostile.Within(ring.ReadAsync(zero, big).AsTask(), ring, "a 16 MiB /dev/zero read");
                Assert.InRange(n, 1, Large);
                Assert.True(big.AsSpan(0, n).IndexOfAnyExcept((byte)0) < 0, "/dev/zero gave a byte other than 0");
                Assert.Equal(0xA5, n < Large ? big[n] : 0xA5);

                // Writes to /dev/zero and /dev/null take everything; reads of /dev/null are end of file.
                Assert.Equal(Large, await Hostile.Within(ring.WriteAtMostAsync(zero, big).AsTask(), ring, "a /dev/zero write"));
                Assert.Equal(Large, await Hostile.Within(ring.WriteAtMostAsync(nul, big).AsTask(), ring, "a /dev/null write"));
                Assert.Equal(Large, await Hostile.Within(ring.WriteAtMostAsync(nul, new ReadOnlyMemory<byte>[] { big.AsMemory(0, 100), big.AsMemory(100) }, 0).AsTask(), ring, "a vectored /dev/null write"));
                Assert.Equal(0, await Hostile.Within(ring.ReadAsync(nul, big).AsTask(), ring, "a /dev/null read"));

                // /dev/urandom: a large read returns some bytes, not all equal; a write (mixing in) is taken whole.
                n = await Hostile.Within(ring.ReadAsync(random, big.AsMemory(0, 1 << 20)).AsTask(), ring, "a 1 MiB /dev/urandom read");
                Assert.InRange(n, 1, 1 << 20);
                Assert.True(n < 64 || big.AsSpan(0, n).IndexOfAnyExcept(big[0]) >= 0, "urandom gave one byte value");
                Assert.Equal(4096, await Hostile.Within(ring.WriteAtMostAsync(random, big.AsMemory(0, 4096)).AsTask(), ring, "a /dev/urandom write"));
            });
        }
        finally
        {
            Sys.close(zero);
            Sys.close(nul);
            Sys.close(random);
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Round11_proc_and_sys_files_read_a_byte_at_a_time_give_what_a_whole_read_gives_and_nothing_past_the_end(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        foreach (string path in new[] { "/proc/version", "/proc/sys/kernel/ostype", "/sys/kernel/mm/transparent_hugepage/enabled", "/proc/self/stat" })
        {
            if (!File.Exists(path))
            {
                continue;
            }

            int fd = Sys.Check(Sys.open(path, Sys.O_RDONLY | Sys.O_CLOEXEC, 0), $"open({path})");
            try
            {
                await Hostile.Run(ring, mode, async () =>
                {
                    // One read of 64 KiB at offset 0: the whole (short) file.
                    var whole = new byte[65536];
                    int length = await Hostile.Within(ring.ReadAsync(fd, whole, 0).AsTask(), ring, $"{path} whole");
                    Assert.InRange(length, 1, 65535);
                    if (path == "/proc/self/stat")
                    {
                        return; // changes between reads: only the whole read and the end below are compared
                    }

                    // A byte at a time, at each offset: the same bytes (a seq_file restarts at the asked position).
                    var bytes = new byte[length];
                    for (int i = 0; i < length; i++)
                    {
                        Assert.Equal(1, await Hostile.Within(ring.ReadAsync(fd, bytes.AsMemory(i, 1), i).AsTask(), ring, $"{path} byte {i}"));
                    }

                    Assert.Equal(whole.AsSpan(0, length).ToArray(), bytes);

                    // At and past the end: 0, as pread.
                    Assert.Equal(0, await Hostile.Within(ring.ReadAsync(fd, whole, length).AsTask(), ring, $"{path} at its end"));
                    Assert.Equal(0, await Hostile.Within(ring.ReadAsync(fd, whole, length + 100_000).AsTask(), ring, $"{path} past its end"));
                    Assert.Equal(0, await Hostile.Within(ring.ReadAsync(fd, new Memory<byte>[] { whole.AsMemory(0, 10), whole.AsMemory(10, 10) }, 1L << 40).AsTask(), ring, $"{path} far past its end, vectored"));
                });
            }
            finally
            {
                Sys.close(fd);
            }
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Round11_a_pty_master_read_waits_for_the_slave_and_ends_EIO_when_the_slave_closes_under_it(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        int master = Sys.IdlePtyMaster();
        Assert.True(master >= 0, "no pty here");
        string slaveName = Sys.SlaveName(master);
        int slave = Sys.Check(Sys.open(slaveName, Sys.O_RDWR | Sys.O_NOCTTY | Sys.O_CLOEXEC, 0), "open(slave)");
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                var buffer = new byte[256];

                // The slave writes a line: the waiting master read gets it (the line discipline may add a carriage return).
                Task<int> read = ring.ReadAsync(master, buffer).AsTask();
                await Hostile.UntilPending(ring, 1);
                Sys.WriteAll(slave, Encoding.ASCII.GetBytes("hi\n"));
                int n = await Hostile.Within(read, ring, "a master read");
                Assert.StartsWith("hi", Encoding.ASCII.GetString(buffer, 0, n));

                // The master writes to the slave; a ring read of the slave gets it.
                Assert.Equal(4, await Hostile.Within(ring.WriteAtMostAsync(master, Encoding.ASCII.GetBytes("abc\n")).AsTask(), ring, "a master write"));
                n = await Hostile.Within(ring.ReadAsync(slave, buffer).AsTask(), ring, "a slave read");
                Assert.StartsWith("abc", Encoding.ASCII.GetString(buffer, 0, n));

                // Drain what the slave's echo put back on the master side, then wait on an empty master and close the slave
                // under the read: read(2) answers EIO; so must the ring (never a hang, never 0 bytes taken as data).
                while (Sys.PollIn(master, 50) > 0)
                {
                    Assert.True(await Hostile.Within(ring.ReadAsync(master, buffer).AsTask(), ring, "the echo") > 0);
                }

                read = ring.ReadAsync(master, buffer).AsTask();
                await Hostile.UntilPending(ring, 1);
                Sys.Check(Sys.close(slave), "close(slave)");
                slave = -1;
                ErrnoException e = await Refused(async () => await Hostile.Within(read, ring, "a master read whose slave closed"));
                Assert.Equal(Errno.EIO, e.Errno);
            });
        }
        finally
        {
            Sys.close(master);
            if (slave >= 0)
            {
                Sys.close(slave);
            }
        }

        Assert.Equal(0, ring.InFlightCount);
        Assert.Equal(0, Sys.DescriptorsNaming(slaveName));
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Round11_a_sealed_memfd_refuses_writes_with_EPERM_and_still_reads(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        int sealedWrite = Sys.Check(Sys.memfd_create("r11-write", Sys.MFD_CLOEXEC | Sys.MFD_ALLOW_SEALING), "memfd_create");
        int sealedGrow = Sys.Check(Sys.memfd_create("r11-grow", Sys.MFD_CLOEXEC | Sys.MFD_ALLOW_SEALING), "memfd_create");
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                byte[] page = Enumerable.Range(0, 4096).Select(i => (byte)i).ToArray();
                foreach (int fd in new[] { sealedWrite, sealedGrow })
                {
                    await Hostile.Within(ring.WriteAsync(fd, page, 0).AsTask(), ring, "a memfd write");
                }

                // F_SEAL_WRITE: every write is EPERM (single, vectored, inside the file), the contents stay readable.
                Sys.Check(Sys.fcntl(sealedWrite, Sys.F_ADD_SEALS, Sys.F_SEAL_WRITE), "F_ADD_SEALS(F_SEAL_WRITE)");
                ErrnoException e = await Refused(async () => await Hostile.Within(ring.WriteAtMostAsync(sealedWrite, page.AsMemory(0, 10), 0).AsTask(), ring, "a write to a write-sealed memfd"));
                Assert.Equal(Errno.EPERM, e.Errno);
                e = await Refused(async () => await Hostile.Within(ring.WriteAtMostAsync(sealedWrite, new ReadOnlyMemory<byte>[] { page.AsMemory(0, 10) }, 100).AsTask(), ring, "a vectored write to a write-sealed memfd"));
                Assert.Equal(Errno.EPERM, e.Errno);
                var back = new byte[4096];
                Assert.Equal(4096, await Hostile.Within(ring.ReadAsync(sealedWrite, back, 0).AsTask(), ring, "a read of the write-sealed memfd"));
                Assert.Equal(page, back);

                // F_SEAL_GROW: writes inside the file work; one past its end is EPERM and the size stays.
                Sys.Check(Sys.fcntl(sealedGrow, Sys.F_ADD_SEALS, Sys.F_SEAL_GROW), "F_ADD_SEALS(F_SEAL_GROW)");
                Assert.Equal(10, await Hostile.Within(ring.WriteAtMostAsync(sealedGrow, page.AsMemory(100, 10), 0).AsTask(), ring, "a write inside a grow-sealed memfd"));
                e = await Refused(async () => await Hostile.Within(ring.WriteAtMostAsync(sealedGrow, page.AsMemory(0, 10), 4096).AsTask(), ring, "a write past the end of a grow-sealed memfd"));
                Assert.Equal(Errno.EPERM, e.Errno);
                Assert.Equal(0, await Hostile.Within(ring.ReadAsync(sealedGrow, back, 4096).AsTask(), ring, "a read at the end"));
                Assert.Equal(4096, await Hostile.Within(ring.ReadAsync(sealedGrow, back, 0).AsTask(), ring, "a read of the grow-sealed memfd"));
                Assert.Equal(page.AsSpan(100, 10).ToArray(), back.AsSpan(0, 10).ToArray());
            });
        }
        finally
        {
            Sys.close(sealedWrite);
            Sys.close(sealedGrow);
        }

        Assert.Equal(0, ring.InFlightCount);
        Assert.Equal(0, Sys.DescriptorsNaming("/memfd:r11-write"));
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Round11_holes_punched_under_reads_give_zeros_or_the_bytes_never_others_on_tmpfs_and_on_disk(IoBackend backend, DeliveryMode mode)
    {
        const int Size = 1 << 20;
        int rounds = Hostile.Rounds(300, 5000);
        using IoRing ring = Hostile.Create(backend, mode);
        byte[] content = Enumerable.Range(0, Size).Select(i => (byte)(1 + (i % 251))).ToArray(); // never 0
        using var onDisk = new TempFile(0);
        int memfd = Sys.Check(Sys.memfd_create("r11-holes", Sys.MFD_CLOEXEC), "memfd_create");
        int disk = Sys.Check(Sys.open(onDisk.Path, Sys.O_RDWR | Sys.O_CLOEXEC, 0), "open(disk file)");
        try
        {
            foreach ((int fd, string what) in new[] { (memfd, "tmpfs (memfd)"), (disk, "disk") })
            {
                await Hostile.Run(ring, mode, async () =>
                {
                    await Hostile.Within(ring.WriteAsync(fd, content, 0).AsTask(), ring, $"filling the {what} file");
                    using var stop = new CancellationTokenSource();
                    Task puncher = Task.Factory.StartNew(
                        () =>
                        {
                            var random = new Random(11);
                            while (!stop.IsCancellationRequested)
                            {
                                long at = random.Next(Size / 4096) * 4096L;
                                Sys.Check(Sys.fallocate(fd, Sys.FALLOC_FL_PUNCH_HOLE | Sys.FALLOC_FL_KEEP_SIZE, at, 4096 * random.Next(1, 5)), "fallocate(PUNCH_HOLE)");
                                unsafe
                                {
                                    fixed (byte* p = content)
                                    {
                                        Sys.pwrite(fd, p + at, 4096, at); // and the bytes back again
                                    }
                                }
                            }
                        },
                        CancellationToken.None,
                        TaskCreationOptions.LongRunning,
                        TaskScheduler.Default);
                    try
                    {
                        var random = new Random(7);
                        var buffer = new byte[3 * 4096];
                        for (int round = 0; round < rounds; round++)
                        {
                            long at = random.Next(Size - buffer.Length);
                            int n = round % 2 == 0
                                ? await Hostile.Within(ring.ReadAsync(fd, buffer, at).AsTask(), ring, $"a {what} read")
                                : await Hostile.Within(ring.ReadAsync(fd, new Memory<byte>[] { buffer.AsMemory(0, 5000), buffer.AsMemory(5000) }, at).AsTask(), ring, $"a vectored {what} read");
                            Assert.Equal(buffer.Length, n);
                            for (int i = 0; i < n; i++)
                            {
                                if (buffer[i] != 0 && buffer[i] != content[at + i])
                                {
                                    Assert.Fail($"{what}: offset {at + i} read {buffer[i]}, the file only ever held 0 or {content[at + i]} there");
                                }
                            }
                        }
                    }
                    finally
                    {
                        stop.Cancel();
                        await puncher;
                    }
                });
            }
        }
        finally
        {
            Sys.close(memfd);
            Sys.close(disk);
        }

        Assert.Equal(0, ring.InFlightCount);
    }
}
