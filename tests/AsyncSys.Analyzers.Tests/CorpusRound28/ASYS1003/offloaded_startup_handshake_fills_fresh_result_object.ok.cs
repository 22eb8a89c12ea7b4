// A PostgreSQL-like driver runs the blocking startup exchange (send the startup packet, read the server's
// parameter-status messages) on an AsyncSys worker. Everything it writes lives in a result object made for this
// call and in the wrapper's own locals; the shared template of startup parameters is only read.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using AsyncSys;

namespace Round28.Shared.StartupHandshakeFreshResult;

internal static class Native
{
    [DllImport("libc", EntryPoint = "send", SetLastError = true)]
    internal static extern nint Send(int fd, byte[] buffer, nint length, int flags);

    [DllImport("libc", EntryPoint = "recv", SetLastError = true)]
    internal static extern nint Recv(int fd, byte[] buffer, nint length, int flags);
}

public sealed class StartupResult
{
    public Dictionary<string, string> Parameters { get; } = new();
    public int BytesRead;
}

public sealed partial class StartupExchange(IReadOnlyDictionary<string, string> template)
{
    public StartupResult? Last { get; private set; }

    // Returns the number of parameter bytes read, or -1 with errno.
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int Run(int fd)
    {
        var packet = new List<byte>(256) { 0, 0, 0, 0, 0, 3, 0, 0 };
        foreach (var (key, value) in template)
        {
            packet.AddRange(Encoding.UTF8.GetBytes(key + "\0" + value + "\0"));
        }

        packet.Add(0);
        byte[] bytes = packet.ToArray();
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 4), System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(bytes.Length));
        if (Native.Send(fd, bytes, bytes.Length, 0) < 0) return -1;

        var result = new StartupResult();
        byte[] reply = new byte[8192];
        nint n = Native.Recv(fd, reply, reply.Length, 0);
        if (n < 0) return -1;
        result.BytesRead += (int)n;
        result.Parameters["raw_length"] = n.ToString();
        return result.BytesRead;
    }
}
