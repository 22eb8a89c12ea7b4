using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound33/: cases written blind, as an outside tester would, from the docs and
/// UDP game servers and datagram transports (SO_REUSEPORT sockets per core, recvfrom/sendto and sendmsg/recvmsg, epoll
/// readiness loops, tick loops on PeriodicTimer, channels to game logic, retransmission queues, pooled packet buffers,
/// graceful shutdown; see its README), committed before their first run.
/// </summary>
public sealed class CorpusRound33Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round33Set, minPrecision: 0, minRecall: 0);
