// AsyncSys.Bench: a fio-like load tool that measures IoRing on each backend against .NET's RandomAccess in the
// same run, and renders docs/benchmarks.md from the JSON it writes. Run `... -- help` for usage.
using System;
using System.Threading.Tasks;
using AsyncSys.Bench;

return await BenchProgram.MainAsync(args).ConfigureAwait(false);
