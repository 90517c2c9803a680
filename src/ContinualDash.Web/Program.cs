using ContinualDash.Web.Access;
using ContinualDash.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddDashboard();

var app = builder.Build();
await app.MigrateDatabaseAsync();
app.UseDashboard();
try
{
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (AuthModeRefusal(e) is { } refusal)
{
    // A configuration refusal, not a crash: one line, no stack trace.
    await Console.Error.WriteLineAsync($"continualdash: {refusal.Message}");
    return 2;
}

static AuthModeException? AuthModeRefusal(Exception e) => e switch
{
    AuthModeException refusal => refusal,
    AggregateException all => all.InnerExceptions.Select(AuthModeRefusal).FirstOrDefault(r => r is not null),
    _ => null,
};
