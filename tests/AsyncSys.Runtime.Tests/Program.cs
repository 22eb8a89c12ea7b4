using System;
using AsyncSys.Runtime.Tests.Reliability;

namespace AsyncSys.Runtime.Tests;

/// <summary>
/// The test assembly doubles as the child process of the tests that must watch a process end:
/// <c>dotnet AsyncSys.Runtime.Tests.dll child SCENARIO</c>. Under the test runner this Main is not used.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "child" && args[1].StartsWith("hostile3:", StringComparison.Ordinal))
        {
            return Hostile.Child.RunScenario(args[1]);
        }

        if (args.Length == 2 && args[0] == "child" && args[1].StartsWith("hostile:", StringComparison.Ordinal))
        {
            return Hostile.ProcessRound2Tests.RunChild(args[1]);
        }

        if (args.Length == 2 && args[0] == "child" && args[1].StartsWith("delivery:", StringComparison.Ordinal))
        {
            return PoolDeliveryTests.RunChild(args[1]);
        }

        if (args.Length == 2 && args[0] == "child")
        {
            return ThreadFailureTests.RunChild(args[1]);
        }

        Console.Error.WriteLine("usage: AsyncSys.Runtime.Tests child SCENARIO");
        return 2;
    }
}
