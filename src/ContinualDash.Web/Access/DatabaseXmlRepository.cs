using System.Xml.Linq;
using ContinualDash.Core.Access;
using ContinualDash.Core.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Access;

/// <summary>
/// Keeps the Data Protection key ring in the database, so sign-in cookies and share links survive restarts and
/// are valid on every server of one database. <c>DataProtection:KeysFolder</c> puts the keys in a folder instead.
/// </summary>
public sealed class DatabaseXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    // Data Protection calls these synchronously, rarely (key ring refresh, about once a day, and key creation).
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DashDbContext>();
        return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).AsEnumerable().Select(k => XElement.Parse(k.Xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DashDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
