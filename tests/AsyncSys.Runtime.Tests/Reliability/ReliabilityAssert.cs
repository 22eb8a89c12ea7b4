using System;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Reliability;

/// <summary>Bounds for the reliability tests: every wait fails the test instead of hanging the suite.</summary>
internal static class ReliabilityAssert
{
    internal static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    /// <summary>Awaits <paramref name="task"/>, failing with <paramref name="what"/> if it takes longer than <see cref="Bound"/>.</summary>
    internal static async Task Within(Task task, string what)
    {
        if (await Task.WhenAny(task, Task.Delay(Bound)) != task)
        {
            Assert.Fail($"{what} did not finish within {Bound.TotalSeconds} s (hang)");
        }

        await task;
    }

    /// <summary>Like <see cref="Within"/>, returning the task's result.</summary>
    internal static async Task<T> WithinResult<T>(Task<T> task, string what)
    {
        await Within(task, what);
        return await task;
    }

    /// <summary>Joins <paramref name="thread"/> within <see cref="Bound"/>.</summary>
    internal static void Joins(Thread thread, string what) =>
        Assert.True(thread.Join(Bound), $"{what} did not finish within {Bound.TotalSeconds} s (hang)");

    /// <summary>Awaits a task that may end cancelled or disposed; any other failure is rethrown.</summary>
    internal static async Task<bool> CompletesOrIsCancelled(Task task)
    {
        try
        {
            await task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }
}

/// <summary>libc calls the tests need and the runtime does not.</summary>
internal static class TestLibc
{
    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    internal static extern int dup(int fd);

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    internal static extern int dup2(int fd, int target);

    internal const int F_GETFD = 1;

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    internal static extern int fcntl(int fd, int cmd);

    /// <summary>
    /// Whether <paramref name="fd"/> is open and names the same file as <paramref name="file"/> (their /proc/self/fd links,
    /// both the kernel's path of the file, so a symbolic link in the temp directory's path changes nothing).
    /// </summary>
    internal static bool Names(int fd, System.Runtime.InteropServices.SafeHandle file) =>
        LinkOf(fd) is string target && target == LinkOf((int)file.DangerousGetHandle());

    /// <summary>
    /// Closes <paramref name="fd"/> only while it still names the same file as <paramref name="file"/>. A test that put its
    /// own file on a number (dup2 over a ring's descriptor) closes it at the end; had the runtime closed that number already,
    /// it may since have been given to another test running in the same process, or to .NET itself, and closing it again
    /// would take their descriptor away. Returns whether it closed.
    /// </summary>
    internal static bool CloseIfStill(int fd, System.Runtime.InteropServices.SafeHandle file) => Names(fd, file) && Interop.Libc.close(fd) == 0;

    private static string? LinkOf(int fd)
    {
        try
        {
            return new System.IO.FileInfo("/proc/self/fd/" + fd).LinkTarget;
        }
        catch (System.IO.IOException)
        {
            return null; // not open
        }
    }
}
