using System.Net;
using System.Text.RegularExpressions;

namespace Caseload.Tests.TestHost;

/// <summary>
/// One browser that visits both the app (in memory) and the organisation's provider (over loopback HTTP), and follows single
/// sign-on's redirects between them as a browser does: the app's challenge to the provider's authorization endpoint, the
/// provider's form_post answer back to the app's callback, and the callback to the page that signs the person in.
/// </summary>
public sealed partial class SingleSignOnBrowser : IDisposable
{
    /// <summary>The app's OpenID Connect callback as the in-memory test server's address makes it.</summary>
    public static readonly Uri AppCallback = new("http://localhost/signin-oidc");

    public SingleSignOnBrowser(CaseloadApp app, OidcProvider organisation)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        App = Hosts.Client(app.Factory, Jar);
        Provider = organisation.Browser();
    }

    public CookieJar Jar { get; } = new();

    /// <summary>The browser's requests to the app, with its cookies.</summary>
    public HttpClient App { get; }

    /// <summary>The browser's requests to the provider, with the provider's cookies.</summary>
    public HttpClient Provider { get; }

    /// <summary>Signs this browser in at the provider as the subject (and, optionally, the name and email) the test chooses.</summary>
    public async Task SignInAtProviderAsync(string subject, string? name = null, string? email = null)
    {
        var query = $"?sub={Uri.EscapeDataString(subject)}&name={Uri.EscapeDataString(name ?? "")}&email={Uri.EscapeDataString(email ?? "")}";
        var response = await Provider.GetAsync(new Uri(OidcProvider.LoginPath + query, UriKind.Relative));
        await response.ShouldBeAsync(HttpStatusCode.OK);
    }

    /// <summary>
    /// "Sign in with your organisation account" on the app's sign-in page, through to the app's answer after its callback:
    /// a redirect into the app when signed in, else the page that says why not. The hooks change what an attacker could: the
    /// authorization request the browser takes to the provider, and the answer it carries back.
    /// </summary>
    public async Task<HttpResponseMessage> SignInWithOrganisationAccountAsync(Func<string, string>? alterAuthorizationRequest = null,
        Action<Dictionary<string, string>>? alterCallback = null)
    {
        var challenge = await App.PostFormAsync("/Account/SignIn?handler=External", []);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!.AbsoluteUri;
        Assert.StartsWith(Provider.BaseAddress!.AbsoluteUri, authorize, StringComparison.Ordinal);
        if (alterAuthorizationRequest is not null) authorize = alterAuthorizationRequest(authorize);

        var answer = await Provider.GetAsync(new Uri(authorize));
        await answer.ShouldBeAsync(HttpStatusCode.OK);
        var html = await answer.Content.ReadAsStringAsync();
        var action = new Uri(WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value));
        Assert.Equal(AppCallback, action);
        var fields = HiddenField().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value), StringComparer.Ordinal);
        alterCallback?.Invoke(fields);

        var callback = await App.PostAsync(new Uri(action.PathAndQuery, UriKind.Relative), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        return await App.GetAsync(callback.Headers.Location);
    }

    /// <summary>Replaces one query parameter of a URL.</summary>
    public static string WithParameter(string url, string name, string value)
    {
        var uri = new UriBuilder(url);
        var parameters = System.Web.HttpUtility.ParseQueryString(uri.Query);
        Assert.NotNull(parameters[name]);
        parameters[name] = value;
        uri.Query = parameters.ToString();
        return uri.Uri.AbsoluteUri;
    }

    public void Dispose()
    {
        App.Dispose();
        Provider.Dispose();
    }

    [GeneratedRegex("<form[^>]*action=\"([^\"]*)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"([^\"]*)\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();
}
