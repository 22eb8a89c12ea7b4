// The descriptor is taken from the one await.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Opener
{
    public static async Task<int> OpenLoggedAsync(IoRing ring, string path, CancellationToken cancellationToken)
    {
        int fd = await ring.OpenAtAsync(IoRing.AtCurrentDirectory, path, 0, 0, cancellationToken);
        Console.WriteLine("opened " + path);
        return fd;
    }
}
