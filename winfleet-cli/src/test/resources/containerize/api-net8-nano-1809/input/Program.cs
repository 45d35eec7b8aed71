var app = WebApplication.Create(args); app.MapGet("/", () => "orders"); app.Run();
