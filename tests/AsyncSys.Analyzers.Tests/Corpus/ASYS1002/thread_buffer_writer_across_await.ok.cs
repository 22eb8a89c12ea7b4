// The sink encodes into a writer it owns for the call.
using System;
using System.Buffers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal sealed class FileSink(IoRing ring, int fd)
{
    public async Task WriteAsync(string message, CancellationToken cancellationToken)
    {
        var writer = new ArrayBufferWriter<byte>(512);
        Encoding.UTF8.GetBytes(message, writer);
        await ring.WriteAsync(fd, writer.WrittenMemory, cancellationToken);
        writer.ResetWrittenCount();
    }
}
