IHost host = Host.CreateDefaultBuilder(args).UseWindowsService().Build(); host.Run();
