using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.PerThread.InterfaceDefault;

internal static class Scope
{
    public static readonly AsyncLocal<string?> Current = new();
}

internal interface IRecordSink
{
    IoRing Ring { get; }

    int Fd { get; }

    async ValueTask AppendAsync(ReadOnlyMemory<byte> record, long offset, CancellationToken cancellationToken)
    {
        Scope.Current.Value = $"append@{offset}";
        await Ring.WriteAsync(Fd, record, offset, cancellationToken);
        Console.WriteLine($"{Scope.Current.Value} done");   // AsyncLocal flows with the call, not the thread
    }
}
