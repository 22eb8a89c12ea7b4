using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;
using AsyncSys.Runtime.Tests.Hostile;
using HostileRing = AsyncSys.Runtime.Tests.Hostile.Hostile;

namespace AsyncSys.Runtime.Tests.Reliability;

/// <summary>
/// A read waits on a raw descriptor number; its owner closes the number and the number is reused for another file
/// (dup2 does both at once). The kernel ring holds the file a request uses from its submission, so the read still
/// gets its own file's bytes; on the workers (and Linux AIO, whose pipe reads run there) a read that waits for
/// readiness used to poll and then read the *number*, taking the other file's bytes. Now it holds a duplicate.
/// </summary>
public sealed partial class ReusedDescriptorNumberTests
{
    [LibraryImport("libc", SetLastError = true)]
    private static partial int dup2(int oldFd, int newFd);

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_waiting_read_whose_number_is_closed_and_reused_reads_only_its_own_file(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = HostileRing.Create(backend, mode);
        (int number, int ourWrite) = Sys.Pipe();
        (int theirRead, int theirWrite) = Sys.Pipe();
        string ourPipe = LinkOf(ourWrite);
        try
        {
            await HostileRing.Run(ring, mode, async () =>
            {
                byte[] buffer = new byte[16];
                Task<int> read = ring.ReadAsync(number, buffer).AsTask();
                await WaitUntilWaitingAsync(ring, backend, ourPipe, read);

                // The owner closes its number and the number now names the other pipe's read end.
                Assert.Equal(number, dup2(theirRead, number));
                Write(theirWrite, "theirs");
                Write(ourWrite, "ours");

                int n = await HostileRing.Within(read, ring, "the read of the reused number");
                Assert.Equal("ours", Encoding.ASCII.GetString(buffer, 0, n));
            });

            Assert.Equal("theirs", ReadNow(theirRead)); // nothing of the other pipe was taken
        }
        finally
        {
            Sys.close(number);
            Sys.close(ourWrite);
            Sys.close(theirRead);
            Sys.close(theirWrite);
        }
    }

    /// <summary>
    /// Until the read is listed in flight and has started waiting (off the kernel ring the wait holds a duplicate of the
    /// pipe's read end: a third descriptor on that pipe). A close racing the submission itself is the caller's race on
    /// every backend; this test is about a number closed while the read waits.
    /// </summary>
    private static async Task WaitUntilWaitingAsync(IoRing ring, IoBackend backend, string pipe, Task<int> read)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            Assert.False(read.IsCompleted, "the read of an empty pipe ended by itself");
            bool listed = ring.GetInFlightOperations().Count == 1;
            // Off the ring, the duplicate shows the wait has begun; a build without it gets half a second to start waiting.
            bool waiting = clock.Elapsed > TimeSpan.FromMilliseconds(backend == IoBackend.IoUring ? 100 : 500) || (backend != IoBackend.IoUring && LinksTo(pipe) >= 3);
            if (listed && waiting)
            {
                return;
            }

            await Task.Delay(5);
        }

        throw new TimeoutException("the read was never listed in flight");
    }

    private static string LinkOf(int fd) => File.ResolveLinkTarget($"/proc/self/fd/{fd}", returnFinalTarget: false)?.FullName is { } target
        ? Path.GetFileName(target)
        : throw new InvalidOperationException($"fd {fd} has no link");

    private static int LinksTo(string pipe) =>
        Directory.EnumerateFileSystemEntries("/proc/self/fd").Count(entry =>
        {
            try
            {
                return new FileInfo(entry).LinkTarget is { } target && target.EndsWith(pipe, StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false; // closed while we looked
            }
        });

    private static unsafe string ReadNow(int fd)
    {
        byte[] bytes = new byte[16];
        fixed (byte* p = bytes)
        {
            int n = (int)Sys.read(fd, p, (nuint)bytes.Length);
            return n < 0 ? "(error " + Marshal.GetLastPInvokeError() + ")" : Encoding.ASCII.GetString(bytes, 0, n);
        }
    }

    private static unsafe void Write(int fd, string text)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(text);
        fixed (byte* p = bytes)
        {
            Assert.Equal(bytes.Length, (int)Sys.write(fd, p, (nuint)bytes.Length));
        }
    }
}
