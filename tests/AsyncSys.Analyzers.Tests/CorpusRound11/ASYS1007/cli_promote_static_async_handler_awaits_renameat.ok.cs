// A backup CLI's "promote" command handler is a static async lambda: it fsyncs the staged snapshot and publishes it with the generated renameat variant, both awaited.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round11.Blocking.CliPromoteRenameAtOk;

internal static partial class Libc
{
    public const int AT_FDCWD = -100;

    [LibraryImport("libc", EntryPoint = "renameat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    [AsyncSyscall]
    internal static partial int RenameAt(int oldDirFd, string oldPath, int newDirFd, string newPath);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fsync(int fd);
}

/// <summary>A System.CommandLine-style command with an async handler returning the exit code.</summary>
public sealed class AsyncCommand(string name)
{
    public string Name { get; } = name;

    public Func<string[], CancellationToken, Task<int>>? Handler { get; private set; }

    public void SetHandler(Func<string[], CancellationToken, Task<int>> handler) => Handler = handler;
}

public static class PromoteCommand
{
    public static AsyncCommand Build()
    {
        var command = new AsyncCommand("promote");
        command.SetHandler(static async (args, cancellationToken) =>
        {
            string staged = args[0], live = args[1];
            using (SafeFileHandle handle = File.OpenHandle(staged, FileMode.Open, FileAccess.ReadWrite))
            {
                await Libc.FsyncAsync((int)handle.DangerousGetHandle(), cancellationToken);
            }

            try
            {
                await Libc.RenameAtAsync(Libc.AT_FDCWD, staged, Libc.AT_FDCWD, live, cancellationToken);
                return 0;
            }
            catch (ErrnoException e)
            {
                Console.Error.WriteLine($"promote: {e.ErrnoName}");
                return 1;
            }
        });
        return command;
    }
}
