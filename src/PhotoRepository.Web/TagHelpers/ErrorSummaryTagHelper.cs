using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PhotoRepository.Web.TagHelpers;

/// <summary>
/// Replaces what the framework's validation summary renders. Its empty summary carries
/// <c>style="display:none"</c>, which the strict CSP refuses; and its filled one is neither announced
/// nor linked to the fields. This one renders nothing when the form is valid and otherwise an alert
/// listing every error, each linked to its field (the input's id comes from the same model name).
/// </summary>
[HtmlTargetElement("div", Attributes = "asp-validation-summary")]
public sealed class ErrorSummaryTagHelper(HtmlEncoder encoder) : TagHelper
{
    /// <summary>After the framework's own tag helper, so this output wins.</summary>
    public override int Order => 1000;

    [HtmlAttributeName("asp-validation-summary")]
    public ValidationSummary Mode { get; set; }

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var state = ViewContext.ViewData.ModelState;
        if (Mode == ValidationSummary.None || state.IsValid)
        {
            output.SuppressOutput();
            return;
        }

        var items = new List<string>();
        foreach (var (key, entry) in state)
        {
            if (entry.ValidationState != ModelValidationState.Invalid) continue;
            foreach (var error in entry.Errors)
            {
                var text = encoder.Encode(string.IsNullOrEmpty(error.ErrorMessage) ? "This value is not valid." : error.ErrorMessage);
                items.Add(string.IsNullOrEmpty(key)
                    ? $"<li>{text}</li>"
                    : $"<li><a href=\"#{encoder.Encode(FieldId(key))}\">{text}</a></li>");
            }
        }

        output.Attributes.RemoveAll("data-valmsg-summary");
        output.PreContent.Clear();
        output.PostContent.Clear();
        output.Attributes.SetAttribute("class", "errors error-summary");
        output.Attributes.SetAttribute("role", "alert");
        output.Attributes.SetAttribute("tabindex", "-1");
        if (!output.Attributes.ContainsName("id")) output.Attributes.SetAttribute("id", "error-summary");
        output.Content.SetHtmlContent(
            $"<p class=\"error-summary-title\">Please correct {(items.Count == 1 ? "this" : "these")} before going on:</p><ul>{string.Concat(items)}</ul>");
    }

    /// <summary>The id the input tag helper gives the field bound to this model name.</summary>
    public static string FieldId(string modelName) => TagBuilder.CreateSanitizedId(modelName, "_");
}

/// <summary>
/// Marks a field the server rejected with <c>aria-invalid="true"</c>, so a screen reader says so
/// when the field gets focus (the framework only adds a CSS class).
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class AriaInvalidTagHelper : TagHelper
{
    public override int Order => 1000;

    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (ViewContext.ViewData.ModelState.GetFieldValidationState(name) == ModelValidationState.Invalid)
            output.Attributes.SetAttribute("aria-invalid", "true");
    }
}

/// <summary>
/// The same for a field written by hand (a plain <c>name</c>, no <c>asp-for</c>): when the server
/// rejected it, it is marked invalid and, if it has no id, gets the one the error summary links to
/// (only the first field of that name, so ids stay unique).
/// </summary>
[HtmlTargetElement("input", Attributes = "name")]
[HtmlTargetElement("select", Attributes = "name")]
[HtmlTargetElement("textarea", Attributes = "name")]
public sealed class NamedFieldInvalidTagHelper : TagHelper
{
    public override int Order => 1000;

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (context.AllAttributes.ContainsName("asp-for")) return;
        if (context.AllAttributes["name"]?.Value?.ToString() is not { Length: > 0 } name) return;
        if (ViewContext.ViewData.ModelState.GetFieldValidationState(name) != ModelValidationState.Invalid) return;
        output.Attributes.SetAttribute("aria-invalid", "true");
        if (output.Attributes.ContainsName("id")) return;
        var ids = ViewContext.HttpContext.Items["field-ids"] as HashSet<string> ?? [];
        ViewContext.HttpContext.Items["field-ids"] = ids;
        var id = ErrorSummaryTagHelper.FieldId(name);
        if (ids.Add(id)) output.Attributes.SetAttribute("id", id);
    }
}
