using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Round 6: a read or write of zero bytes (an empty buffer, or a vectored call whose segments are all empty) returns 0
/// at once on every kind of descriptor, whether or not it has data or room, on every backend and in every delivery
/// mode (docs/backends.md: every backend gives the same answer; round 1 made the workers and Linux AIO do so).
/// Descriptors: a regular file, an idle pipe, a full pipe, a FIFO made with mkfifo (idle, and its write end with room), an idle and a full
/// socket pair, and a TCP loopback connection.
/// </summary>
public sealed class ZeroLengthRound6Tests
{
    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Zero_length_reads_and_writes_return_zero_at_once_on_files_pipes_fifos_and_sockets(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var file = new TempFile(4096);
        using var pipe = new RawPipe();
        using var fullPipe = new RawPipe();
        Sys.Fill(fullPipe.Write);
        string fifoPath = Path.Combine(Path.GetTempPath(), $"hostile6-fifo-{Guid.NewGuid():N}");
        Sys.Check(Sys.mkfifo(fifoPath, 0x180), "mkfifo");
        int fifoRead = Sys.Check(Sys.open(fifoPath, Sys.O_RDONLY | Sys.O_NONBLOCK | Sys.O_CLOEXEC, 0), "open(fifo, read)");
        int fifoWrite = Sys.Check(Sys.open(fifoPath, Sys.O_WRONLY | Sys.O_CLOEXEC, 0), "open(fifo, write)");
        Sys.SetNonBlocking(fifoRead, false);
        (int socketA, int socketB) = Sys.SocketPair();
        (int fullSocket, int fullPeer) = Sys.SocketPair();
        Sys.Fill(fullSocket);
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        using Socket server = listener.Accept();
        int tcp = (int)client.Handle;
        var wrong = new List<string>();
        try
        {
            // (what, descriptor, reads tried, writes tried, a socket)
            var targets = new (string Name, int Fd, bool Read, bool Write, bool Socket)[]
            {
                ("file", -1, true, true, false),
                ("idle pipe", pipe.Read, true, false, false),
                ("pipe with room", pipe.Write, false, true, false),
                ("full pipe", fullPipe.Write, false, true, false),
                ("idle FIFO", fifoRead, true, false, false),
                ("FIFO with room", fifoWrite, false, true, false),
                ("idle socket pair", socketA, true, true, true),
                ("full socket pair", fullSocket, false, true, true),
                ("idle TCP connection", tcp, true, true, true),
            };

            using var handle = file.Open();
            int fileFd = (int)handle.DangerousGetHandle();
            await Hostile.Run(ring, mode, async () =>
            {
                foreach ((string name, int target, bool read, bool write, bool socket) in targets)
                {
                    int fd = target < 0 ? fileFd : target;
                    long offset = target < 0 ? 0 : -1; // a file at an offset, streams at their position
                    var calls = new List<(string Call, Func<ValueTask<int>> Run)>();
                    if (read)
                    {
                        calls.Add(("read", () => offset >= 0 ? ring.ReadAsync(fd, Memory<byte>.Empty, offset) : ring.ReadAsync(fd, Memory<byte>.Empty)));
                        calls.Add(("readv", () => offset >= 0 ? ring.ReadAsync(fd, new[] { Memory<byte>.Empty, Memory<byte>.Empty }, offset) : ring.ReadAsync(fd, new[] { Memory<byte>.Empty, Memory<byte>.Empty })));
                        if (socket)
                        {
                            calls.Add(("recv", () => ring.ReceiveAsync(fd, Memory<byte>.Empty)));
                        }
                    }

                    if (write)
                    {
                        calls.Add(("write", () => offset >= 0 ? ring.WriteAtMostAsync(fd, ReadOnlyMemory<byte>.Empty, offset) : ring.WriteAtMostAsync(fd, ReadOnlyMemory<byte>.Empty)));
                        var empties = new[] { ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty };
                        calls.Add(("writev", offset >= 0 ? () => ring.WriteAtMostAsync(fd, empties, offset) : async () => { await ring.WriteAsync(fd, empties); return 0; }));
                        if (socket)
                        {
                            calls.Add(("send", () => ring.SendAsync(fd, ReadOnlyMemory<byte>.Empty)));
                        }
                    }

                    foreach ((string call, var run) in calls)
                    {
                        Task<int> task = run().AsTask();
                        if (await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(3))) != task)
                        {
                            wrong.Add($"{call} of 0 bytes on the {name}: still waiting after 3 s ({Hostile.Describe(ring)})");
                            ring.CancelByFd(fd);
                            try
                            {
                                await Hostile.Within(task, ring, $"{call} on the {name} after CancelByFd");
                            }
                            catch (OperationCanceledException)
                            {
                                // The hang, ended by the test: already recorded.
                            }

                            continue;
                        }

                        try
                        {
                            int n = await task;
                            if (n != 0)
                            {
                                wrong.Add($"{call} of 0 bytes on the {name}: {n}");
                            }
                        }
                        catch (Exception e)
                        {
                            wrong.Add($"{call} of 0 bytes on the {name}: {e.GetType().Name}: {e.Message}");
                        }
                    }
                }
            });

            Assert.True(wrong.Count == 0, $"{backend} {mode}:\n" + string.Join("\n", wrong));

            // Nothing moved: the file is unchanged, the idle descriptors have nothing, the full ones are still full.
            Assert.Equal(file.Content, File.ReadAllBytes(file.Path));
            Assert.Equal(0, pipe.Pending);
            Assert.Equal(0, Sys.Pending(fifoRead));
            Assert.Equal(0, Sys.Pending(socketB));
            Assert.Equal(0, server.Available);
            Assert.Equal(0, ring.InFlightCount);
        }
        finally
        {
            foreach (int fd in new[] { fifoRead, fifoWrite, socketA, socketB, fullSocket, fullPeer })
            {
                Sys.close(fd);
            }

            File.Delete(fifoPath);
        }
    }
}
