// A length-prefixed frame writer over a raw descriptor writes the 4-byte header and then the payload, and only then looks
// at the header write's result. When the header write failed, the payload write ran after it and saved its own error
// (0 when it succeeded): the exception reports the payload's errno, not why the header could not be written.
using System;
using System.Buffers.Binary;
using System.IO;
using System.Runtime.InteropServices;

namespace Round26.Errno.FrameHeaderErrnoAfterPayload;

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
        nint payloadWritten = Native.Write(fd, payload, (nuint)payload.Length);
        if (headerWritten < 0)
        {
            throw new IOException($"frame header write failed: errno {/*~ASYS1001*/Marshal.GetLastPInvokeError()}");
        }

        if (payloadWritten < 0)
        {
            throw new IOException($"frame payload write failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }
}
