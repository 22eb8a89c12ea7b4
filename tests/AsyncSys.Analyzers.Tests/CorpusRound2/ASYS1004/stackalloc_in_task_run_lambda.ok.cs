// The lambda given to Task.Run receives into a managed array, which AsyncSys pins for the operation.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static class Receiver
{
    public static Task<int> StartAsync(IoRing ring, int socket) => Task.Run(() =>
    {
        byte[] buffer = new byte[56];
        return ring.ReceiveAsync(socket, buffer.AsMemory()).AsTask();
    });
}
