@echo off
rem winfleet launcher for Windows (cmd.exe): builds the command-line jar with the Maven Wrapper on
rem first use, then runs it with the arguments given.
rem   winfleet.cmd --help
rem Environment: JAVA_HOME (a JDK 17+), WINFLEET_JAVA_OPTS (extra JVM options).
rem The PowerShell launcher winfleet.ps1 does the same and also rebuilds when sources change.
setlocal
set "ROOT=%~dp0"
set "JAR=%ROOT%winfleet-cli\target\winfleet.jar"
if defined JAVA_HOME (
  set "JAVA=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVA=java"
)
"%JAVA%" -version >nul 2>&1
if errorlevel 1 (
  echo winfleet: no Java found; install a JDK 17 or newer, or set JAVA_HOME 1>&2
  exit /b 2
)
if not exist "%JAR%" (
  echo winfleet: building the command-line jar ^(first use^)... 1>&2
  pushd "%ROOT%"
  call mvnw.cmd -q -B -ntp -DskipTests package -pl winfleet-cli -am 1>&2
  set "BUILD=%ERRORLEVEL%"
  popd
  if not "%BUILD%"=="0" (
    echo winfleet: the build failed 1>&2
    exit /b 3
  )
)
"%JAVA%" -Xlog:disable -Xlog:all=warning:stderr %WINFLEET_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
