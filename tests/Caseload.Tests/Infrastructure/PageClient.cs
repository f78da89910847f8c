using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Caseload.Tests.Infrastructure;

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

    /// <summary>GETs the page to obtain its antiforgery token, then posts the form to it.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        var page = await client.GetStringAsync(new Uri(url, UriKind.Relative));
        var token = TokenPattern().Match(page);
        if (!token.Success) throw new InvalidOperationException($"No antiforgery token on {url}");
        var form = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)) };
        return await client.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
