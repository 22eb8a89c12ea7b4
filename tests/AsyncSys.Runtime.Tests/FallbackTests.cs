using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;

namespace AsyncSys.Runtime.Tests;

/// <summary>
/// The fallback chain against a real kernel refusal: a C launcher installs a seccomp filter that makes
/// io_uring_setup (and in the second run io_setup too) fail with EPERM, then execs the probe program, which
/// creates an IoRing with the defaults and does a write/read round trip through it.
/// </summary>
[Collection(SerialBuilds.Name)]
public sealed class FallbackTests
{
    private static readonly Lazy<(string Launcher, string Probe)> Built = new(Build);

    // io_uring_* numbers are shared by every architecture; io_setup is 206 on x86-64 and 0 on arm64.
    private static readonly bool IsArm64 = RuntimeInformation.ProcessArchitecture == Architecture.Arm64;
    private static readonly string AuditArch = IsArm64 ? "aarch64" : "x86_64";
    private const int IoUringSetup = 425;
    private static readonly int IoSetup = IsArm64 ? 0 : 206;

    [Fact]
    public void With_io_uring_setup_refused_by_seccomp_the_ring_runs_on_Linux_AIO()
    {
        string output = RunProbe($"{IoUringSetup}");

        Assert.Contains("Backend: LinuxAio", output, StringComparison.Ordinal);
        Assert.Contains("Description: aio (io_uring refused: io_uring_setup EPERM)", output, StringComparison.Ordinal);
        Assert.Contains("RoundTrip: ok", output, StringComparison.Ordinal);
    }

    [Fact]
    public void With_io_setup_refused_as_well_the_ring_runs_on_workers()
    {
        string output = RunProbe($"{IoUringSetup},{IoSetup}");

        Assert.Contains("Backend: Workers", output, StringComparison.Ordinal);
        Assert.Contains("Description: workers (io_uring refused: io_uring_setup EPERM; aio refused: io_setup EPERM)", output, StringComparison.Ordinal);
        Assert.Contains("RoundTrip: ok", output, StringComparison.Ordinal);
    }

    private static string RunProbe(string refusedSyscalls)
    {
        (string launcher, string probe) = Built.Value;
        var info = new ProcessStartInfo(launcher) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { AuditArch, refusedSyscalls, "dotnet", probe })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Remove("ASYNCSYS_BACKEND"); // the choice must come from the kernel's refusal alone
        using Process process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the probe did not finish");
        }

        Assert.True(process.ExitCode == 0, $"probe exited {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        return stdout.Result;
    }

    private static (string Launcher, string Probe) Build()
    {
        string root = Repository.Root;
        string dir = Path.Combine(Path.GetTempPath(), "asyncsys-fallback-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        string source = Path.Combine(dir, "seccomp_launcher.c");
        string launcher = Path.Combine(dir, "seccomp_launcher");
        File.WriteAllText(source, LauncherSource);
        StraceProofTests.Run(Prerequisites.CCompiler(), $"-O2 -o \"{launcher}\" \"{source}\"", dir, TimeSpan.FromMinutes(1));

        string project = Path.Combine(root, "tests", "AsyncSys.FallbackProbe");
        StraceProofTests.Run("dotnet", $"build \"{project}\" -c Debug --nologo -v q -nodeReuse:false -p:UseSharedCompilation=false", root, TimeSpan.FromMinutes(4));
        return (launcher, Path.Combine(project, "bin", "Debug", "net10.0", "AsyncSys.FallbackProbe.dll"));
    }

    /// <summary>usage: seccomp_launcher x86_64|aarch64 NR[,NR...] PROGRAM [ARGS...]: those syscalls fail with EPERM.</summary>
    private const string LauncherSource = """
        #include <errno.h>
        #include <stddef.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <unistd.h>
        #include <sys/prctl.h>
        #include <linux/audit.h>
        #include <linux/filter.h>
        #include <linux/seccomp.h>

        int main(int argc, char **argv) {
            if (argc < 4) { fprintf(stderr, "usage: %s ARCH NR[,NR...] PROGRAM [ARGS...]\n", argv[0]); return 2; }
            unsigned arch = strcmp(argv[1], "aarch64") == 0 ? AUDIT_ARCH_AARCH64 : AUDIT_ARCH_X86_64;
            struct sock_filter filter[64];
            int n = 0;
            /* Another ABI's syscall numbers mean other calls: allow those untouched. */
            filter[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
            filter[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, arch, 1, 0);
            filter[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
            filter[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
            for (char *nr = strtok(argv[2], ","); nr != NULL && n < 60; nr = strtok(NULL, ",")) {
                filter[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)atoi(nr), 0, 1);
                filter[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA));
            }
            filter[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
            struct sock_fprog program = { .len = (unsigned short)n, .filter = filter };
            /* Unprivileged seccomp needs no_new_privs; it also survives the exec, which is the point. */
            if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) { perror("PR_SET_NO_NEW_PRIVS"); return 3; }
            if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program) != 0) { perror("PR_SET_SECCOMP"); return 4; }
            execvp(argv[3], argv + 3);
            perror("execvp");
            return 5;
        }
        """;
}

/// <summary>Tests that run <c>dotnet build</c> on projects referencing the runtime: one at a time, so two builds never write the same obj/.</summary>
[CollectionDefinition(Name)]
public sealed class SerialBuilds
{
    public const string Name = "Serial dotnet builds";
}
