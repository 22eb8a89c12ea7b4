// A logger's per-thread ArrayBufferWriter is written to a file asynchronously, then reset after the await.
using System;
using System.Buffers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class ThreadBuffer
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_writer;

    internal static ArrayBufferWriter<byte> Get()
    {
        ArrayBufferWriter<byte> writer = t_writer ??= new ArrayBufferWriter<byte>(512);
        writer.ResetWrittenCount();
        return writer;
    }
}

internal sealed class FileSink(IoRing ring, int fd)
{
    public async Task WriteAsync(string message, CancellationToken cancellationToken)
    {
        ArrayBufferWriter<byte> writer = ThreadBuffer.Get();
        Encoding.UTF8.GetBytes(message, writer);
        await ring.WriteAsync(fd, writer.WrittenMemory, cancellationToken);
        /*~ASYS1002*/writer.ResetWrittenCount();
    }
}
