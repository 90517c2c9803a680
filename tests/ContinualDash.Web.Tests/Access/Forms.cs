using System.Text.RegularExpressions;

namespace ContinualDash.Web.Tests.Access;

/// <summary>Posts a page's form like a browser: GET the page for its antiforgery token, then POST the fields.</summary>
internal static partial class Forms
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string? form, Dictionary<string, string> fields, string? action = null)
    {
        var html = await client.GetStringAsync(page);
        fields["__RequestVerificationToken"] = AntiforgeryPattern().Match(html).Groups[1].Value;
        if (form is not null) fields["_handler"] = form;
        return await client.PostAsync(action ?? page, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryPattern();
}
