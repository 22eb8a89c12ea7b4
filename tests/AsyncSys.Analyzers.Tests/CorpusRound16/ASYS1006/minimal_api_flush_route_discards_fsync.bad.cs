// A minimal-API style backend maps a "/flush" admin route whose (non-async) handler starts an fsync of the journal on
// the ring and answers 202 at once. The ValueTask is dropped: an fsync failure (EIO, the data is not durable) is never
// seen, and the operator's "flush before snapshot" script is told all is well.
using System;
using System.Collections.Generic;
using AsyncSys;

namespace Round16.ResultObserved.FlushRouteDiscards;

public sealed class RouteTable
{
    private readonly Dictionary<string, Func<int>> _routes = new();

    public void MapPost(string path, Func<int> handler) => _routes[path] = handler;
}

public static class AdminRoutes
{
    public static void Map(RouteTable routes, IoRing ring, int journalFd)
    {
        routes.MapPost("/flush", () =>
        {
            /*~ASYS1006*/ring.FsyncAsync(journalFd);
            return 202;
        });
    }
}
