using System.Linq;
using AsyncSys.Generator;

namespace AsyncSys.Generator.Tests;

/// <summary>The generator's table of known calls and the documentation's table list the same calls, each where it runs.</summary>
public sealed class KnownSyscallsTableTests
{
    [Fact]
    public void The_docs_table_lists_every_entry_point_with_where_it_runs()
    {
        string docs = System.IO.File.ReadAllText(System.IO.Path.Combine(Repository.Root, "docs", "declaring-wrappers.md"));
        foreach (SyscallShape shape in KnownSyscalls.All)
        {
            bool offsetPointers = shape.Roles.Any(role => role is AsyncSys.Generator.Model.ParameterRole.OffsetPointer or AsyncSys.Generator.Model.ParameterRole.OffsetPointer2);
            bool pollFds = shape.Roles.Contains(AsyncSys.Generator.Model.ParameterRole.PollFds);
            string runs = shape.Op == AsyncSys.Generator.Model.RingOpKind.None ? "worker"
                : offsetPointers ? "worker; ring `RingOp." + shape.Op + "` when stated, with offsets by value"
                : pollFds ? "worker; ring `RingOp." + shape.Op + "` when stated, for one descriptor"
                : "ring `RingOp." + shape.Op + "`";
            Assert.Contains("| `" + shape.EntryPoint + "` | " + runs + " |", docs);
        }
    }
}
