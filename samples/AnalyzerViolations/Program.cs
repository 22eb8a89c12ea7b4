using System;

namespace AnalyzerViolations;

/// <summary>Nothing to run: the point of this project is the warnings its build prints.</summary>
internal static class Program
{
    private static int Main()
    {
        Console.WriteLine("Build this project to see one warning for each AsyncSys rule (ASYS1001-ASYS1007).");
        return 0;
    }
}
