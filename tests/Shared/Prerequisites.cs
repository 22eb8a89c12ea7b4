using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;

namespace AsyncSys.Tests.Shared;

/// <summary>
/// Machine tools a few tests need beyond the .NET SDK (strace, a C compiler with the kernel headers). A test
/// asks for its tool first; when the tool is missing and the run is root on a Debian-like system, the tool is
/// installed with apt-get (what .ci/run would have done), so `dotnet test` works on a fresh machine. Otherwise
/// the test fails with the package to install: it never skips silently. Shared by the test projects.
/// </summary>
internal static partial class Prerequisites
{
    private static readonly Lock InstallLock = new();
    private static bool _packageListsUpdated;

    /// <summary>`strace`, for the proof that ring operations go through io_uring_enter.</summary>
    public static string Strace() => Require("strace", Array.Empty<string>(), "strace");

    /// <summary>`cc` with the C library and kernel UAPI headers (stdio.h, linux/io_uring.h, linux/aio_abi.h).</summary>
    public static string CCompiler() =>
        Require("cc", new[] { "/usr/include/stdio.h", "/usr/include/linux/io_uring.h", "/usr/include/linux/aio_abi.h" }, "gcc", "libc6-dev", "linux-libc-dev");

    /// <summary>
    /// The full path of <paramref name="command"/>, after installing <paramref name="debianPackages"/> when it
    /// (or one of <paramref name="requiredFiles"/>) is missing and installing is possible.
    /// </summary>
    public static string Require(string command, IReadOnlyCollection<string> requiredFiles, params string[] debianPackages)
    {
        lock (InstallLock)
        {
            if (Find(command, requiredFiles) is { } found)
            {
                return found;
            }

            string packages = string.Join(' ', debianPackages);
            string why = $"This test needs `{command}`{(requiredFiles.Count > 0 ? " and " + string.Join(", ", requiredFiles) : "")}, " +
                $"from the Debian/Ubuntu package(s) `{packages}`. Install them (`apt-get install {packages}`), or run `bash .ci/run`, which does.";
            string? aptGet = FindOnPath("apt-get");
            if (aptGet is null || geteuid() != 0)
            {
                Assert.Fail(why + $" Not installed automatically: {(aptGet is null ? "apt-get was not found" : "the tests do not run as root")}.");
            }

            string log = Install(aptGet, debianPackages);
            return Find(command, requiredFiles)
                ?? throw new InvalidOperationException(why + " apt-get ran but the tool is still missing:\n" + log);
        }
    }

    private static string Install(string aptGet, string[] packages)
    {
        var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        string[] install = new[] { "install", "-y", "-qq", "--no-install-recommends" }.Concat(packages).ToArray();

        // A fresh image has no package lists; one update per test process is enough.
        if (!_packageListsUpdated)
        {
            Run(aptGet, environment, "update", "-qq");
            _packageListsUpdated = true;
        }

        return Run(aptGet, environment, install);
    }

    private static string Run(string file, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        // Another test process (the projects run in parallel) may hold the dpkg lock: wait for it rather than fail.
        string[] withLockWait = arguments.Prepend("DPkg::Lock::Timeout=300").Prepend("-o").ToArray();
        Cli.Result result = Cli.RunAsync(file, Path.GetTempPath(), TimeSpan.FromMinutes(10), environment, withLockWait).GetAwaiter().GetResult();
        Assert.True(result.ExitCode == 0, "Installing a test prerequisite failed: " + result.Describe());
        return result.Output;
    }

    private static string? Find(string command, IReadOnlyCollection<string> requiredFiles) =>
        requiredFiles.All(File.Exists) ? FindOnPath(command) : null;

    private static string? FindOnPath(string command)
    {
        string path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, command))
            .FirstOrDefault(File.Exists);
    }

    [LibraryImport("libc")]
    private static partial uint geteuid();
}
