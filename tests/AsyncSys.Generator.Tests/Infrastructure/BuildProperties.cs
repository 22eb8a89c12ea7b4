using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncSys.Generator.Tests.Infrastructure;

/// <summary>
/// MSBuild properties as the compiler hands them to generators: <c>build_property.Name = value</c> global options,
/// the way the SDK writes them for each &lt;CompilerVisibleProperty&gt; into the generated .editorconfig.
/// </summary>
internal sealed class BuildProperties : AnalyzerConfigOptionsProvider
{
    private readonly Options _global;

    public BuildProperties(IReadOnlyDictionary<string, string> properties)
    {
        var options = new Dictionary<string, string>();
        foreach ((string name, string value) in properties)
        {
            options["build_property." + name] = value;
        }

        _global = new Options(options);
    }

    public override AnalyzerConfigOptions GlobalOptions => _global;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.None;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.None;

    private sealed class Options : AnalyzerConfigOptions
    {
        public static readonly Options None = new(new Dictionary<string, string>());

        private readonly Dictionary<string, string> _values;

        public Options(Dictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
    }
}
