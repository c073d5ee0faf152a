using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PhotoRepository.Web.TagHelpers;

/// <summary>
/// A navigation link that tells assistive technology where the user is: <c>aria-current="page"</c>
/// on the page itself, <c>aria-current="true"</c> on the section the page belongs to (a student's
/// details under "Students", for a link marked <c>nav-link="section"</c>).
/// </summary>
[HtmlTargetElement("a", Attributes = "nav-link")]
public sealed class NavLinkTagHelper : TagHelper
{
    /// <summary>After the anchor tag helper, which writes the href.</summary>
    public override int Order => 1000;

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var section = context.AllAttributes["nav-link"]?.Value?.ToString() == "section";
        output.Attributes.RemoveAll("nav-link");
        if (output.Attributes["href"]?.Value?.ToString() is not { Length: > 0 } href) return;
        var request = ViewContext.HttpContext.Request;
        var here = (request.PathBase + request.Path).Value?.TrimEnd('/') ?? "";
        href = href.Split('?')[0].TrimEnd('/');
        if (string.Equals(here, href, StringComparison.OrdinalIgnoreCase))
            output.Attributes.SetAttribute("aria-current", "page");
        else if (section && here.StartsWith(href + "/", StringComparison.OrdinalIgnoreCase))
            output.Attributes.SetAttribute("aria-current", "true");
    }
}
