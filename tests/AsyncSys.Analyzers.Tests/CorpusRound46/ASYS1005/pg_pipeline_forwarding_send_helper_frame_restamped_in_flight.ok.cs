// A Postgres driver sends Parse through its SendAsync helper, which forwards the frame to the ring's send, and stamps the Sync message into the same frame only after the Parse send has completed.
using System;
using System.Buffers.Binary;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus46.PgPipelineOk;

internal sealed class PgConnection(IoRing ring, int socket)
{
    private readonly byte[] _frame = new byte[8192];

    private ValueTask<int> SendAsync(byte[] frame, int length, CancellationToken ct) =>
        ring.SendAsync(socket, frame.AsMemory(0, length), MessageFlags.None, ct);

    private static int EncodeParse(byte[] frame, string sql)
    {
        frame[0] = (byte)'P';
        frame[5] = 0;
        int n = Encoding.UTF8.GetBytes(sql, frame.AsSpan(6));
        frame[6 + n] = 0;
        BinaryPrimitives.WriteInt16BigEndian(frame.AsSpan(7 + n), 0);
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), 8 + n);
        return 9 + n;
    }

    public async Task PrepareAsync(string sql, CancellationToken ct)
    {
        int n = EncodeParse(_frame, sql);
        ValueTask<int> parse = SendAsync(_frame, n, ct);
        await parse.ConfigureAwait(false);
        _frame[0] = (byte)'S';
        BinaryPrimitives.WriteInt32BigEndian(_frame.AsSpan(1), 4);
        await SendAsync(_frame, 5, ct).ConfigureAwait(false);
    }
}
