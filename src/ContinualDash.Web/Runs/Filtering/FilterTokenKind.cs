namespace ContinualDash.Web.Runs.Filtering;

/// <summary>The kinds of token in a runs filter expression.</summary>
public enum FilterTokenKind
{
    Word,
    Number,
    String,
    Operator,
    OpenParen,
    CloseParen,
    End,
}
