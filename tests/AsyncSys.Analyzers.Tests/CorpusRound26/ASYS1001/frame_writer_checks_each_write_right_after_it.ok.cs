// The frame writer made right: each write's result is tested, and errno read, right after that write, so a failed header
// write is reported with its own error before the payload is written.
using System;
using System.Buffers.Binary;
using System.IO;
using System.Runtime.InteropServices;

namespace Round26.Errno.FrameWriterChecksEachWrite;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(int fd, ReadOnlySpan<byte> buffer, nuint count);
}

public sealed class RawFrameWriter(int fd)
{
    public void WriteFrame(ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(header, payload.Length);

        nint headerWritten = Native.Write(fd, header, (nuint)header.Length);
        if (headerWritten < 0)
        {
            throw new IOException($"frame header write failed: errno {Marshal.GetLastPInvokeError()}");
        }

        nint payloadWritten = Native.Write(fd, payload, (nuint)payload.Length);
        if (payloadWritten < 0)
        {
            throw new IOException($"frame payload write failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }
}
