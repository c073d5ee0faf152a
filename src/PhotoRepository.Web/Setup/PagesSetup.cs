namespace PhotoRepository.Web.Setup;

public static class PagesSetup
{
    /// <summary>Every page is authorized by where it lives, never by remembering an attribute.</summary>
    public static IServiceCollection AddPages(this IServiceCollection services)
    {
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeAreaFolder("District", "/", Policies.DistrictClerk);
            options.Conventions.AuthorizeAreaFolder("State", "/Aim", Policies.StateStaff);
            options.Conventions.AuthorizeAreaFolder("State", "/Doj", Policies.DojStaff);
            options.Conventions.AuthorizeAreaFolder("Admin", "/", Policies.Administrator);
            options.Conventions.AuthorizeFolder("/MissingChildren", Policies.MissingChildrenList);
            options.Conventions.AllowAnonymousToPage("/Account/Login");
            options.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
            options.Conventions.AllowAnonymousToPage("/Account/LoginWith2fa");
            options.Conventions.AllowAnonymousToPage("/Account/LoginWithRecoveryCode");
            options.Conventions.AllowAnonymousToPage("/Error");
            options.Conventions.Add(new IdFromRouteOnly());
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "PhotoRepository.Antiforgery";
            // Secure whenever the request is HTTPS (also behind the TLS proxy, through forwarded headers).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    /// <summary>
    /// On a page whose route has an {id}, the handlers' `id` comes from the route only: a form field or query
    /// parameter named id cannot point a POST to /Edit/5 at record 6.
    /// </summary>
    private sealed class IdFromRouteOnly : Microsoft.AspNetCore.Mvc.ApplicationModels.IPageApplicationModelConvention
    {
        public void Apply(Microsoft.AspNetCore.Mvc.ApplicationModels.PageApplicationModel model)
        {
            if (model.RouteTemplate?.Contains("{id", StringComparison.OrdinalIgnoreCase) != true) return;
            foreach (var parameter in model.HandlerMethods.SelectMany(h => h.Parameters).Where(p => p.ParameterName == "id"))
            {
                parameter.BindingInfo ??= new Microsoft.AspNetCore.Mvc.ModelBinding.BindingInfo();
                parameter.BindingInfo.BindingSource = Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Path;
            }
        }
    }

    public static IApplicationBuilder UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
            if (app.Configuration.GetValue("Https:Redirect", true)) app.UseHttpsRedirection();
        }
        else
        {
            app.UseExceptionHandler("/Error");
        }
        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        return app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            // The Hangfire dashboard (administrators only) ships inline script of its own.
            if (!context.Request.Path.StartsWithSegments("/jobs"))
                headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            await next();
        });
    }
}
