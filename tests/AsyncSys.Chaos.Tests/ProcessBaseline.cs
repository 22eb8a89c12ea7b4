using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;

namespace AsyncSys.Chaos.Tests;

/// <summary>Open descriptors (/proc/self/fd) and threads (/proc/self/task) of this process, to compare before and after.</summary>
internal sealed record ProcessBaseline(int Descriptors, int Threads)
{
    /// <summary>Threads whose name (as the kernel has it, /proc/self/task/*/comm) starts with <paramref name="prefix"/>.</summary>
    public static int ThreadsNamed(string prefix) =>
        Directory.GetDirectories("/proc/self/task").Count(t =>
        {
            try
            {
                return File.ReadAllText(Path.Combine(t, "comm")).StartsWith(prefix, StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false; // the thread exited while we looked
            }
        });

    /// <summary>
    /// The threads named <paramref name="prefix"/>... as "tid name", the calling thread marked: for a failure message that
    /// says which thread was left, and whether it is the one looking (code that resumed on a ring's own thread).
    /// </summary>
    public static string DescribeThreadsNamed(string prefix)
    {
        string self = Environment.CurrentManagedThreadId + " (managed), " + ReadOrGone("/proc/thread-self/comm");
        string[] left = Directory.GetDirectories("/proc/self/task")
            .Select(t => (Id: Path.GetFileName(t), Name: ReadOrGone(Path.Combine(t, "comm"))))
            .Where(t => t.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(t => t.Id + " '" + t.Name + "'" + (File.Exists("/proc/thread-self/comm") && t.Id == ThreadSelfId() ? " (the caller)" : ""))
            .ToArray();
        return "[" + string.Join(", ", left) + "]; calling thread " + self;
    }

    /// <summary>Open descriptors and what each refers to, one "fd -> target" per line (failure messages).</summary>
    public static string DescribeDescriptors() =>
        string.Join("\n", Directory.GetFileSystemEntries("/proc/self/fd")
            .Select(f => Path.GetFileName(f) + " -> " + (new FileInfo(f).LinkTarget ?? "?")));

    private static string ThreadSelfId() => Path.GetFileName(new DirectoryInfo("/proc/thread-self").LinkTarget ?? "");

    private static string ReadOrGone(string path)
    {
        try
        {
            return File.ReadAllText(path).TrimEnd('\n');
        }
        catch (IOException)
        {
            return "(gone)"; // the thread exited while we looked
        }
    }

    /// <summary>Waits (bounded) until no thread named <paramref name="prefix"/>... is left; returns how many are.</summary>
    public static int WaitForNoThreadsNamed(string prefix, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        int count;
        while ((count = ThreadsNamed(prefix)) != 0 && clock.Elapsed < within)
        {
            Thread.Sleep(20);
        }

        return count;
    }

    /// <summary>Waits (bounded) until no more than <paramref name="count"/> descriptors are open; returns how many are.</summary>
    public static int WaitForDescriptorsAtMost(int count, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        int now;
        while ((now = Take().Descriptors) > count && clock.Elapsed < within)
        {
            Thread.Sleep(20);
        }

        return now;
    }

    public static ProcessBaseline Take() =>
        new(Directory.GetFileSystemEntries("/proc/self/fd").Length, Directory.GetDirectories("/proc/self/task").Length);

    /// <summary>
    /// Waits (bounded) until descriptors are back to the baseline and threads no more than
    /// <paramref name="threadSlack"/> above it: ring and worker threads exit asynchronously after Dispose
    /// returns, and the .NET thread pool may keep a few threads it started meanwhile.
    /// </summary>
    public string? WaitForReturn(int threadSlack, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        ProcessBaseline now;
        while (true)
        {
            now = Take();
            if (now.Descriptors <= Descriptors && now.Threads - Threads <= threadSlack)
            {
                return null;
            }

            if (clock.Elapsed > within)
            {
                break;
            }

            Thread.Sleep(20);
        }

        string[] fds = Directory.GetFileSystemEntries("/proc/self/fd")
            .Select(f => Path.GetFileName(f) + " -> " + (new FileInfo(f).LinkTarget ?? "?"))
            .ToArray();
        return $"before: {Descriptors} fds, {Threads} threads; after: {now.Descriptors} fds, {now.Threads} threads\n" + string.Join("\n", fds);
    }
}
