// A CLI tool's "chmod" command handler, a static lambda, writes the "chmod: cannot change mode" prefix to stderr before it reads errno for the message.
using System;
using System.Runtime.InteropServices;

namespace Round11.Errno.CliChmodHandler;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "chmod", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Chmod(string path, uint mode);
}

/// <summary>A System.CommandLine-style command: a name and a handler that returns the exit code.</summary>
public sealed class Command(string name)
{
    public string Name { get; } = name;

    public Func<string[], int>? Handler { get; private set; }

    public void SetHandler(Func<string[], int> handler) => Handler = handler;
}

public static class ChmodCommand
{
    public static Command Build()
    {
        var command = new Command("chmod");
        command.SetHandler(static args =>
        {
            uint mode = Convert.ToUInt32(args[0], 8);
            int failures = 0;
            foreach (string path in args[1..])
            {
                if (Native.Chmod(path, mode) == 0) continue;
                failures++;
                Console.Error.Write($"chmod: cannot change mode of '{path}': ");
                Console.Error.WriteLine(Marshal.GetPInvokeErrorMessage(/*~ASYS1001*/Marshal.GetLastPInvokeError()));
            }

            return failures == 0 ? 0 : 1;
        });
        return command;
    }
}
