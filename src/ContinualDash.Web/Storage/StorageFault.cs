namespace ContinualDash.Web.Storage;

/// <summary>What went wrong underneath a failed database write, as far as the caller can act on it.</summary>
internal enum StorageFault
{
    /// <summary>The disk (or the PostgreSQL volume) is full: nothing more can be stored until space is freed.</summary>
    Full,

    /// <summary>Another process held the database locked for longer than the busy timeout: retrying later helps.</summary>
    Busy,
}
