namespace ContinualDash.Web.Demo;

/// <summary>The demo button's form: it has no fields, only the antiforgery token EditForm adds.</summary>
public sealed class DemoForm;
