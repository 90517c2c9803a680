using ContinualDash.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddDashboard();

var app = builder.Build();
await app.MigrateDatabaseAsync();
app.UseDashboard();
app.Run();
