using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>The raw syscalls round 3 adds: signals, odd descriptors, limits, descriptor passing.</summary>
internal static unsafe partial class Sys
{
    public const int SIGUSR1 = 10, SIGUSR2 = 12, SIGALRM = 14;
    public const int TFD_CLOEXEC = 0x80000, SFD_CLOEXEC = 0x80000, IN_CLOEXEC = 0x80000;
    public const int IN_CREATE = 0x100;
    public const int RLIMIT_NOFILE = 7;
    public const int F_GETFD = 1, F_SETFD = 2, FD_CLOEXEC = 1;
    public const int AF_INET = 2, SOCK_DGRAM = 2;
    public const int SOL_SOCKET = 1, SCM_RIGHTS = 1;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int kill(int pid, int signal);

    [LibraryImport("libc")]
    public static partial int getpid();

    [LibraryImport("libc", SetLastError = true)]
    public static partial int sigaction(int signal, byte* action, byte* old);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int timerfd_create(int clock, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int timerfd_settime(int fd, int flags, long* newValue, long* oldValue);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int signalfd(int fd, ulong* mask, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int inotify_init1(int flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int inotify_add_watch(int fd, string path, uint mask);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mkfifo(string path, int mode);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint sendmsg(int fd, void* message, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint recv(int fd, byte* buffer, nuint count, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint sendto(int fd, byte* buffer, nuint count, int flags, byte* address, int addressLength);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int getrlimit(int resource, ulong* limits);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setrlimit(int resource, ulong* limits);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint preadv(int fd, void* iov, int count, long offset);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int fallocate(int fd, int mode, long offset, long length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int poll(void* fds, nuint count, int timeout);

    /// <summary>The errno of the last plain call, by name.</summary>
    public static string LastErrno => Errno.NameOf(Marshal.GetLastPInvokeError());

    /// <summary>
    /// Installs a handler for <paramref name="signal"/> WITHOUT SA_RESTART, as a library that uses SIGALRM for its own
    /// timeouts would: every blocking syscall on a thread it lands on fails with EINTR. The handler is libc's getpid
    /// (async-signal-safe, ignores its argument), so no managed code runs in signal context.
    /// </summary>
    public static void InstallInterruptingHandler(int signal)
    {
        nint handler = NativeLibrary.GetExport(NativeLibrary.Load("libc.so.6"), "getpid");

        // glibc's struct sigaction: sa_handler, sa_mask (128 bytes), sa_flags (int), padding, sa_restorer.
        byte* action = stackalloc byte[152];
        new Span<byte>(action, 152).Clear();
        *(nint*)action = handler;
        *(int*)(action + 8 + 128) = 0; // no SA_RESTART, no SA_SIGINFO
        Check(sigaction(signal, action, null), "sigaction");
    }

    /// <summary>The descriptors of process <paramref name="pid"/> (above 2), each with what it points to.</summary>
    public static Dictionary<int, string> Descriptors(int pid)
    {
        var result = new Dictionary<int, string>();
        foreach (string entry in Directory.GetFileSystemEntries($"/proc/{pid}/fd"))
        {
            if (int.TryParse(Path.GetFileName(entry), out int fd) && fd > 2)
            {
                try
                {
                    result[fd] = new FileInfo(entry).LinkTarget ?? "?";
                }
                catch (IOException)
                {
                    // Closed between the listing and the readlink.
                }
            }
        }

        return result;
    }

    public static bool IsCloseOnExec(int fd) => (fcntl(fd, F_GETFD, 0) & FD_CLOEXEC) != 0;
}

/// <summary>Round 3's child processes: this test assembly started again as <c>child hostile3:...</c>.</summary>
internal static class Child
{
    /// <summary>Runs <c>child hostile3:<paramref name="scenario"/></c>; returns its exit code and output.</summary>
    public static async Task<(int Exit, string Out, string Err)> Run(string scenario, int seconds = 60, params (string Name, string Value)[] environment)
    {
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(typeof(Child).Assembly.Location);
        start.ArgumentList.Add("child");
        start.ArgumentList.Add("hostile3:" + scenario);
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        Task exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(seconds))) != exited)
        {
            process.Kill(true);
            Assert.Fail($"the child {scenario} did not end within {seconds} s; its output so far:\n{await output}\n{await error}");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>The child's side: dispatches on the scenario's first word.</summary>
    internal static int RunScenario(string scenario)
    {
        string[] parts = scenario.Split(':');
        try
        {
            return parts[1] switch
            {
                "nofile" => ProcessResourceRound3Tests.NoFileChild(Enum.Parse<IoBackend>(parts[2])),
                "starve" => ProcessResourceRound3Tests.StarveChild(Enum.Parse<IoBackend>(parts[2])),
                "signals" => SignalRound3Tests.StormChild(parts[2], Enum.Parse<IoBackend>(parts[3])),
                "exec" => ForkExecRound3Tests.InheritChild(Enum.Parse<IoBackend>(parts[2])),
                "pipe-end" => ForkExecRound3Tests.PipeEndChild(Enum.Parse<IoBackend>(parts[2])),
                "r5" => parts[2] switch
                {
                    "storm" => SignalLimitRound5Tests.StormChild(Enum.Parse<IoBackend>(parts[3])),
                    "signalfd" => SignalLimitRound5Tests.SignalFdChild(Enum.Parse<IoBackend>(parts[3])),
                    "nofile" => SignalLimitRound5Tests.NoFileChild(Enum.Parse<IoBackend>(parts[3])),
                    "memlock" => SignalLimitRound5Tests.MemlockChild(Enum.Parse<IoBackend>(parts[3])),
                    "many" => SignalLimitRound5Tests.ManyChild(Enum.Parse<IoBackend>(parts[3])),
                    "rentfail" => SignalLimitRound5Tests.RentFailChild(Enum.Parse<IoBackend>(parts[3])),
                    "post" => TeardownRound5Tests.PostChild(parts[3]),
                    "exit" => TeardownRound5Tests.ExitChild(parts[3]),
                    _ => 2,
                },
                "r6" => parts[2] switch
                {
                    "iowq" => SpuriousCancelRound6Tests.IoWqChild(Enum.Parse<IoBackend>(parts[3])),
                    "nothread" => SpuriousCancelRound6Tests.NoThreadChild(Enum.Parse<IoBackend>(parts[3])),
                    "nothread-token" => SpuriousCancelRound6Tests.NoThreadTokenChild(Enum.Parse<IoBackend>(parts[3])),
                    "capped" => CappedPoolRound6Tests.CappedChild(Enum.Parse<IoBackend>(parts[3])),
                    _ => 2,
                },
                "r10" => parts[2] switch
                {
                    "storm" => ListenerRound10Tests.StormChild(Enum.Parse<IoBackend>(parts[3])),
                    _ => 2,
                },
                "r9" => parts[2] switch
                {
                    "capped-loops" => FastPathRound9Tests.CappedLoopsChild(Enum.Parse<IoBackend>(parts[3])),
                    _ => 2,
                },
                "r12" => parts[2] switch
                {
                    "shared" => SharedSetRound12Tests.SharedChild(Enum.Parse<IoBackend>(parts[3])),
                    "foreground" => RingThreadRound12Tests.ForegroundChild(Enum.Parse<IoBackend>(parts[3])),
                    _ => 2,
                },
                "r7" => parts[2] switch
                {
                    "gc" => ProcessLevelRound7Tests.GcChild(Enum.Parse<IoBackend>(parts[3])),
                    "starved" => ProcessLevelRound7Tests.StarvedChild(Enum.Parse<IoBackend>(parts[3])),
                    _ => 2,
                },
                _ => 2,
            };
        }
        catch (Exception e)
        {
            Console.WriteLine("FAILED: " + e);
            return 1;
        }
    }

    /// <summary>Prints <paramref name="line"/>, prefixed FAIL when <paramref name="ok"/> is false (the parent looks for it).</summary>
    public static void Expect(bool ok, string line)
    {
        Console.WriteLine((ok ? "ok   " : "FAIL ") + line);
        Console.Out.Flush();
    }

    /// <summary>How <paramref name="task"/> ended within <paramref name="seconds"/>: "result N", an errno name, "cancelled", "disposed", "hung" or the exception.</summary>
    public static string Outcome(Task<int> task, int seconds = 20)
    {
        try
        {
            if (!task.Wait(TimeSpan.FromSeconds(seconds)))
            {
                return "hung";
            }

            return "result " + task.Result;
        }
        catch (AggregateException e) when (e.InnerException is ErrnoException errno)
        {
            return errno.ErrnoName;
        }
        catch (AggregateException e) when (e.InnerException is OperationCanceledException)
        {
            return "cancelled";
        }
        catch (AggregateException e) when (e.InnerException is ObjectDisposedException)
        {
            return "disposed";
        }
        catch (AggregateException e)
        {
            return e.InnerException!.GetType().Name + ": " + e.InnerException.Message;
        }
    }

    /// <summary>Asserts the child passed: exit 0 and no line starting with FAIL.</summary>
    public static void AssertPassed((int Exit, string Out, string Err) run, string what)
    {
        string all = $"{what}: exit {run.Exit}\nstdout:\n{run.Out}\nstderr:\n{run.Err}";
        Assert.True(run.Exit == 0 && !run.Out.Split('\n').Any(l => l.StartsWith("FAIL", StringComparison.Ordinal)) && run.Out.Contains("DONE", StringComparison.Ordinal), all);
    }
}
