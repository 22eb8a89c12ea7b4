// An MQTT packet reader, an async iterator with [EnumeratorCancellation], takes its [ThreadStatic] length scratch after each awaited receive and is done with it before it yields.
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using AsyncSys;

namespace Corpus45.MqttReaderOk;

internal readonly record struct MqttPacket(byte Type, int RemainingLength);

internal sealed class MqttPacketReader(IoRing ring, int socket)
{
    [ThreadStatic] private static byte[]? t_lengthScratch;

    public async IAsyncEnumerable<MqttPacket> ReadPacketsAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        byte[] header = new byte[5];
        while (!ct.IsCancellationRequested)
        {
            int n = await ring.ReceiveAsync(socket, header, MessageFlags.None, ct).ConfigureAwait(false);
            if (n < 2)
            {
                yield break;
            }

            byte[] scratch = t_lengthScratch ??= new byte[4];
            header.AsSpan(1, Math.Min(4, n - 1)).CopyTo(scratch);
            int length = DecodeRemainingLength(scratch);
            yield return new MqttPacket((byte)(header[0] >> 4), length);
        }
    }

    private static int DecodeRemainingLength(byte[] bytes)
    {
        int value = 0;
        for (int i = 0, shift = 0; i < bytes.Length; i++, shift += 7)
        {
            value |= (bytes[i] & 0x7F) << shift;
            if ((bytes[i] & 0x80) == 0)
            {
                break;
            }
        }

        return value;
    }
}
