using ContinualDash.Core.Sharing;

namespace ContinualDash.Web.Sharing;

/// <summary>What a page's URL can be shared as: <c>/runs/5</c> a run, <c>/experiments/3</c> an experiment,
/// <c>/compare?runs=...</c> a comparison; anything else nothing.</summary>
public sealed record ShareLinkTarget(string Kind, string Target)
{
    public static ShareLinkTarget? FromUri(Uri uri) =>
        uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) switch
        {
            ["runs", var id] => new(ShareLinkKind.Run, id),
            ["experiments", var id] => new(ShareLinkKind.Experiment, id),
            ["compare"] when uri.Query.Length > 1 => new(ShareLinkKind.Compare, uri.Query[1..]),
            _ => null,
        };
}
