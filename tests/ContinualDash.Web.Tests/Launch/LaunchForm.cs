using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ContinualDash.Web.Launch;

namespace ContinualDash.Web.Tests.Launch;

/// <summary>Posts the Launch page's forms the way a browser does: every field as "Input.Name=value", the handler and the antiforgery token.</summary>
internal static partial class LaunchForm
{
    /// <summary>A factory whose jobs stay queued (no in-process worker slot), so tests see what was stored.</summary>
    public static DashFactory IdleFactory()
    {
        var factory = new DashFactory();
        factory.Settings["Workers:InProcessSlots"] = "0";
        return factory;
    }

    public static HttpClient Client(DashFactory factory) =>
        factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Posts <paramref name="input"/> as the experiment form; unticked checkboxes are left out, as browsers do.</summary>
    public static Task<HttpResponseMessage> PostExperimentAsync(HttpClient client, LaunchInput input)
        => PostAsync(client, "launch-experiment", "Input", input);

    public static Task<HttpResponseMessage> PostCommandAsync(HttpClient client, CommandLaunchInput input)
        => PostAsync(client, "launch-command", "Command", input);

    /// <summary>Posts raw fields (e.g. letters in a number field) to the experiment form.</summary>
    public static async Task<HttpResponseMessage> PostRawAsync(HttpClient client, string handler, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync("/launch");
        fields["_handler"] = handler;
        fields["__RequestVerificationToken"] = TokenField().Match(page).Groups[1].Value;
        return await client.PostAsync("/launch", new FormUrlEncodedContent(fields));
    }

    /// <summary>The text of the validation message rendered right after the input with <paramref name="inputId"/>.</summary>
    public static string MessageAfter(string html, string inputId)
    {
        var match = Regex.Match(html, $"id=\"{inputId}\"[^>]*>(?:(?!<input|<select).)*?<div class=\"[^\"]*validation-message[^\"]*\">([^<]*)</div>", RegexOptions.Singleline);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : "";
    }

    /// <summary>The value attribute of the input named <paramref name="name"/> (e.g. "Input.LearningRate"), HTML-decoded.</summary>
    public static string ValueOf(string html, string name)
    {
        var match = Regex.Match(html, $"<input[^>]* name=\"{Regex.Escape(name)}\"[^>]* value=\"([^\"]*)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : "";
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string handler, string prefix, object input)
    {
        var fields = new Dictionary<string, string>();
        foreach (var property in input.GetType().GetProperties())
        {
            var value = property.GetValue(input);
            if (value is false) continue;
            fields[$"{prefix}.{property.Name}"] = value switch
            {
                true => "true",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value?.ToString() ?? "",
            };
        }
        return PostRawAsync(client, handler, fields);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
