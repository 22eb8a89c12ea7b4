// A warm-up loop submits no-op requests and never observes them.
using System;
using AsyncSys;

namespace Corpus;

internal static class WarmUp
{
    public static void Prime(IoRing ring, int count)
    {
        for (int i = 0; i < count; i++)
        {
            /*~ASYS1006*/ring.SubmitAsync(RingRequest.Nop());
        }
    }
}
