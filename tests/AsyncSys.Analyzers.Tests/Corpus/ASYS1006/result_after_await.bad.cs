// The task is awaited, then its Result read again: a second consumption of a recycled source.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Opener
{
    public static async Task<int> OpenLoggedAsync(IoRing ring, string path, CancellationToken cancellationToken)
    {
        ValueTask<int> open = ring.OpenAtAsync(IoRing.AtCurrentDirectory, path, 0, 0, cancellationToken);
        await open;
        Console.WriteLine("opened " + path);
        return /*~ASYS1006*/open.Result;
    }
}
