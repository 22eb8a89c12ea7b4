using System;
using System.Threading.Tasks;

namespace AsyncSys.Chaos.Tests;

/// <summary>
/// The test assembly doubles as the child process of the scenarios that need a process of their own:
/// <c>dotnet AsyncSys.Chaos.Tests.dll child SCENARIO [ARGS...]</c>. Under the test runner this Main is not used.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length >= 2 && args[0] == "child")
        {
            return await ChildScenarios.RunAsync(args[1], args[2..]).ConfigureAwait(false);
        }

        Console.Error.WriteLine("usage: AsyncSys.Chaos.Tests child SCENARIO [ARGS...]");
        return 2;
    }
}
