# winfleet launcher for Windows PowerShell 5.1 and PowerShell 7: builds the command-line jar with
# the Maven Wrapper on first use and whenever the sources changed since the last build, then runs
# it with the arguments given.
#   .\winfleet.ps1 --help
# Environment: JAVA_HOME (a JDK 17+), WINFLEET_JAVA_OPTS (extra JVM options).
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$jar = Join-Path $root 'winfleet-cli\target\winfleet.jar'

if ($env:JAVA_HOME -and (Test-Path (Join-Path $env:JAVA_HOME 'bin\java.exe'))) {
  $java = Join-Path $env:JAVA_HOME 'bin\java.exe'
} elseif (Get-Command java -ErrorAction SilentlyContinue) {
  $java = (Get-Command java).Source
} else {
  [Console]::Error.WriteLine('winfleet: no Java found; install a JDK 17 or newer, or set JAVA_HOME')
  exit 2
}

function Test-Stale {
  if (-not (Test-Path $jar)) { return $true }
  $built = (Get-Item $jar).LastWriteTimeUtc
  $sources = @(Get-Item (Join-Path $root 'pom.xml')) +
    @(Get-ChildItem -Path $root -Filter pom.xml -Recurse -Depth 1) +
    @(Get-ChildItem -Path (Join-Path $root 'winfleet-*\src\main') -Recurse -File)
  return [bool]($sources | Where-Object { $_.LastWriteTimeUtc -gt $built } | Select-Object -First 1)
}

if (Test-Stale) {
  [Console]::Error.WriteLine('winfleet: building the command-line jar (first use or sources changed)...')
  Push-Location $root
  try {
    & (Join-Path $root 'mvnw.cmd') -q -B -ntp -DskipTests package -pl winfleet-cli -am 2>&1 |
      ForEach-Object { [Console]::Error.WriteLine($_) }
    if ($LASTEXITCODE -ne 0) {
      [Console]::Error.WriteLine('winfleet: the build failed')
      exit 3
    }
  } finally {
    Pop-Location
  }
}

$opts = @('-Xlog:disable', '-Xlog:all=warning:stderr')
if ($env:WINFLEET_JAVA_OPTS) { $opts += $env:WINFLEET_JAVA_OPTS -split '\s+' }
& $java @opts -jar $jar @args
exit $LASTEXITCODE
