namespace ContinualDash.Web.Tests.EndToEnd;

/// <summary>End-to-end tests share one app and one browser: starting Chromium is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
