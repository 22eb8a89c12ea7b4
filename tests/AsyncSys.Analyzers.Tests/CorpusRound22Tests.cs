using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against CorpusRound22/: cases written blind, as an outside tester would, from the docs and
/// game-server and IoT-gateway code (UDP tick loops over pooled snapshots, reliable-UDP retransmit queues, serial ports
/// and SocketCAN, GPIO/sysfs and I2C wrappers offloaded to workers, MQTT-like fan-out, tick schedulers with per-thread
/// noise, sensor sample rings; see its README), committed before their first run.
/// </summary>
public sealed class CorpusRound22Tests(ITestOutputHelper output)
    : BlindCorpusRound(output, CorpusCase.Round22Set, minPrecision: 0, minRecall: 0);
