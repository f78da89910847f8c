using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Caseload.Tests.TestHost;

/// <summary>A browser-like client for server-rendered pages: cookies, antiforgery tokens and real form posts.</summary>
public static partial class PageClient
{
    public static async Task<HttpClient> SignInAsync(CaseloadApp app, TestUser user, string password = CaseloadApp.Password)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(user);
        var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.PostFormAsync("/Account/SignIn", new() { ["UserName"] = user.UserName, ["Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode}");
        return client;
    }

    /// <summary>GETs the page, then posts its form as a browser would: its hidden fields (antiforgery token, version) plus the fields given.</summary>
    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields) =>
        client.PostFormFieldsAsync(url, fields.ToList());

    /// <summary>Posts fields that may repeat (checkboxes), plus the page's hidden fields whose names are not among them.</summary>
    public static async Task<HttpResponseMessage> PostFormFieldsAsync(this HttpClient client, string url, IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        var page = await client.GetStringAsync(new Uri(url, UriKind.Relative));
        var given = fields.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var form = new List<KeyValuePair<string, string>>(fields);
        foreach (Match input in HiddenInput().Matches(page))
        {
            var name = NameAttribute().Match(input.Value).Groups[1].Value;
            var value = WebUtility.HtmlDecode(ValueAttribute().Match(input.Value).Groups[1].Value);
            // The first of each name only: the layout's sign-out form carries a second antiforgery token.
            if (name.Length > 0 && !given.Contains(name) && form.All(f => f.Key != name)) form.Add(new(name, value));
        }

        if (form.All(f => f.Key != "__RequestVerificationToken")) throw new InvalidOperationException($"No antiforgery token on {url}");
        return await client.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*>")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("name=\"([^\"]*)\"")]
    private static partial Regex NameAttribute();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}
