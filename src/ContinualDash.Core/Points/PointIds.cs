namespace ContinualDash.Core.Points;

/// <summary>
/// A point's id: its chunk's id shifted left by <see cref="OffsetBits"/>, plus its place in the chunk. Ids keep
/// the order points were stored in, so the event stream and the export can resume after any point.
/// </summary>
public static class PointIds
{
    /// <summary>Bits of a point id that hold the place in the chunk.</summary>
    public const int OffsetBits = 16;

    /// <summary>Most points in one chunk. Chunk ids stay below 2^37, so point ids stay exact in a JavaScript number.</summary>
    public const int MaxChunkPoints = 1 << OffsetBits;

    /// <summary>The id of the point at <paramref name="offset"/> in chunk <paramref name="chunkId"/>.</summary>
    public static long Of(long chunkId, int offset) => (chunkId << OffsetBits) | (uint)offset;

    /// <summary>The chunk a point id belongs to.</summary>
    public static long ChunkOf(long pointId) => pointId >> OffsetBits;

    /// <summary>A point id's place in its chunk.</summary>
    public static int OffsetOf(long pointId) => (int)(pointId & (MaxChunkPoints - 1));
}
