// A CAN logger sends frames with an offloaded wrapper (write(2) on a raw CAN socket, run on a worker because it also
// formats the frame) and counts frames per 11-bit id in a static array of structs, through a ref local to the slot.
// Two workers sending the same id at once lose a count.
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round34.SharedState.CanPerIdCounters;

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static extern nint Write(int fd, byte* buffer, nuint count);
}

public struct IdStats
{
    public long Frames;
    public long Bytes;
}

public static unsafe partial class CanLogger
{
    private static readonly IdStats[] s_byId = new IdStats[2048];

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Send(int canSocket, int canId, byte[] data)
    {
        byte* frame = stackalloc byte[16];
        new Span<byte>(frame, 16).Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(new Span<byte>(frame, 4), (uint)canId);
        frame[4] = (byte)data.Length;
        data.AsSpan(0, Math.Min(8, data.Length)).CopyTo(new Span<byte>(frame + 8, 8));
        nint n = Native.Write(canSocket, frame, 16);
        if (n == 16)
        {
            ref IdStats stats = ref s_byId[canId & 0x7FF];
            /*~ASYS1003*/stats.Frames++;
            /*~ASYS1003*/stats.Bytes += data.Length;
        }

        return (int)n;
    }
}
