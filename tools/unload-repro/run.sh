#!/usr/bin/env bash
# Reproducer of the heap corruption seen with plugins unloaded after using AsyncSys (README.md here).
# usage: tools/unload-repro/run.sh [runs=4] [seconds=45] [variant=ALL] [noncollectible]
#   variant: ALL (every ingredient), NO_POOLING, NO_THREADSTATIC, LAMBDA_DELEGATES, STATE_IN_DEFAULT, ONLY_WRITE, ONLY_SYNC;
#            WITHOUT_ASYNCSYS (PluginWithoutAsyncSys.cs.txt: Task.Yield instead of AsyncSys, no ring in the process),
#            WITHOUT_ASYNCSYS_NO_POOLING, WITHOUT_ASYNCSYS_NO_PINVOKE
#   UNLOAD_REPRO_TFM=net8.0: host and plugin on .NET 8 (the host self-contained, from the .NET 8 runtime pack)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-4}; seconds=${2:-45}; variant=${3:-ALL}; mode=${4:-}
tfm=${UNLOAD_REPRO_TFM:-net10.0}
runtime="$repo/src/Runtime/bin/Release/$tfm/AsyncSys.Runtime.dll"
plugin_source=Plugin.cs.txt; defines=$variant
case "$variant" in
  WITHOUT_ASYNCSYS*) plugin_source=PluginWithoutAsyncSys.cs.txt; defines=${variant#WITHOUT_ASYNCSYS}; defines=${defines#_}; mode="$mode noring" ;;
esac
host_extra=""
[ "$tfm" = net10.0 ] || host_extra="<RuntimeIdentifier>linux-x64</RuntimeIdentifier><SelfContained>true</SelfContained>"
[ -f "$runtime" ] || dotnet build "$repo/src/Runtime" -c Release -nologo -v q
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/plugin" "$work/host"
# Built outside the repository: its Directory.Build.props (style rules as errors) is not for a throwaway program.
cp "$repo/tools/unload-repro/$plugin_source" "$work/plugin/Plugin.cs"
cp "$repo/tools/unload-repro/Host.cs.txt" "$work/host/Program.cs"
cat > "$work/plugin/plugin.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>$tfm</TargetFramework><Nullable>enable</Nullable><AllowUnsafeBlocks>true</AllowUnsafeBlocks>
    <DefineConstants>\$(DefineConstants);$defines</DefineConstants></PropertyGroup>
  <ItemGroup><Reference Include="AsyncSys.Runtime"><HintPath>$runtime</HintPath><Private>false</Private></Reference></ItemGroup>
</Project>
XML
cat > "$work/host/host.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>$tfm</TargetFramework><Nullable>enable</Nullable>$host_extra</PropertyGroup>
  <ItemGroup><Reference Include="AsyncSys.Runtime"><HintPath>$runtime</HintPath></Reference></ItemGroup>
</Project>
XML
dotnet build "$work/plugin" -c Release -o "$work/out-plugin" -nologo -v q >/dev/null
dotnet build "$work/host" -c Release -o "$work/out-host" -nologo -v q >/dev/null
crashes=0
for i in $(seq 1 "$runs"); do
  set +e
  if [ -x "$work/out-host/host" ] && [ "$tfm" != net10.0 ]; then
    "$work/out-host/host" "$work/out-plugin/plugin.dll" "$seconds" $mode > "$work/run.txt" 2>&1
  else
    dotnet "$work/out-host/host.dll" "$work/out-plugin/plugin.dll" "$seconds" $mode > "$work/run.txt" 2>&1
  fi
  rc=$?
  set -e
  echo "run $i: exit $rc $(grep -a '^ok' "$work/run.txt" || true)"
  [ "$rc" -ne 0 ] && crashes=$((crashes + 1))
done
echo "$variant $tfm ${mode:-collectible}: $crashes of $runs runs crashed"
