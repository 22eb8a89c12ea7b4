// A Redis-protocol listener throws listen(2)'s failure from a throw expression whose first argument describes the endpoint (a File.Exists stat) before errno is read.
using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Corpus45.RespListenerBad;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "listen", SetLastError = true)]
    internal static partial int Listen(int fd, int backlog);
}

internal sealed class ListenFailedException(string endpoint, int errno)
    : Exception($"listen on {endpoint} failed (errno {errno})")
{
    public int Errno { get; } = errno;
}

internal sealed record ListenerOptions(string Host, int Port, int Backlog, string? UnixPath)
{
    public string Describe() => UnixPath is { } path && File.Exists(path) ? "unix:" + path : Host + ":" + Port;
}

internal sealed class RespListener(int socket, ListenerOptions options)
{
    public int Start()
    {
        int rc = Native.Listen(socket, options.Backlog);
        return rc >= 0
            ? socket
            : throw new ListenFailedException(options.Describe(), /*~ASYS1001*/Marshal.GetLastPInvokeError());
    }
}
