using ContinualDash.Core.Data;
using ContinualDash.Web.Sharing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace ContinualDash.Web.Access;

/// <summary>Registers accounts, tokens, share links and the authorization policies, and adds them to the pipeline.</summary>
public static class AccessHost
{
    public static IServiceCollection AddDashboardAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AccountsState>();
        services.AddSingleton<BearerTokenCache>();
        services.AddScoped<UserAccounts>();
        services.AddScoped<ShareLinks>();
        services.AddScoped<ShareScope>();
        services.AddScoped<IAuthorizationHandler, ReadAccessHandler>();
        services.AddHostedService<LoopbackGuard>();

        var keys = services.AddDataProtection().SetApplicationName("ContinualDash");
        if (configuration["DataProtection:KeysFolder"] is { Length: > 0 } folder)
            keys.PersistKeysToFileSystem(new DirectoryInfo(folder));
        else
            services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(
                o => o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IServiceScopeFactory>())));

        services.AddAuthentication(AccessSchemes.Dashboard)
            .AddPolicyScheme(AccessSchemes.Dashboard, null, o => o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, LocalUserHandler>(AccessSchemes.Local, null)
            .AddCookie(AccessSchemes.Cookie, o =>
            {
                o.Cookie.Name = "cd.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.LoginPath = "/signin";
                o.ExpireTimeSpan = TimeSpan.FromDays(14);
                o.SlidingExpiration = true;
                o.Events = AccessCookieEvents.ForAccounts();
            })
            .AddCookie(AccessSchemes.Share, o =>
            {
                o.Cookie.Name = "cd.share";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Events = AccessCookieEvents.ForShareLinks();
            });
        services.AddAuthorization(AccessPolicies.Configure);
        return services;
    }

    /// <summary>Authentication, the first-start redirect to <c>/setup</c>, and authorization.</summary>
    public static WebApplication UseDashboardAccess(this WebApplication app)
    {
        app.UseAuthentication();
        app.Use(SetupRedirect.InvokeAsync);
        app.UseAuthorization();
        return app;
    }

    private static string SelectScheme(HttpContext http)
    {
        if (http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return BearerTokenHandler.SchemeName;
        return http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.IsNone ? AccessSchemes.Local : AccessSchemes.Cookie;
    }
}
