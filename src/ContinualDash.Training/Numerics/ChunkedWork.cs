using System.Runtime.ExceptionServices;

namespace ContinualDash.Training.Numerics;

/// <summary>
/// Work cut into numbered chunks that the calling thread and the <see cref="ParallelPair"/> helper claim
/// one at a time, in phases: every chunk of a phase is done before the next phase opens. The caller never
/// waits for a helper that has not started; it claims every chunk itself and waits only for a chunk the
/// helper is working on. A late helper finds no chunk left (the claim word carries the phase id, so a claim
/// can never land in a later phase), and it runs <c>runChunk</c> only between claiming a chunk of the
/// current phase and clearing its busy flag, so state the caller sets up per phase stays valid for it.
/// </summary>
internal sealed class ChunkedWork
{
    // Claim word: phase id (bits 40-63), chunk count (bits 20-39), next chunk (bits 0-19). One atomic
    // increment both claims a chunk and proves which phase it belongs to.
    private const int CountShift = 20;
    private const long FieldMask = (1 << CountShift) - 1;

    private readonly Action<int> _runChunk;
    private long _claim;
    private int _busy;
    private volatile bool _active;
    private long _phaseId;
    private Exception? _failure;

    /// <summary>Work whose chunks <paramref name="runChunk"/> runs (on either thread; chunk numbers start at 0).</summary>
    public ChunkedWork(Action<int> runChunk)
    {
        _runChunk = runChunk;
        Follow = FollowPhases;
    }

    /// <summary>Cached delegate the helper thread runs to join the phases (no allocation per call).</summary>
    private Action Follow { get; }

    /// <summary>Most chunks one phase may have.</summary>
    public static int MaxChunks => (int)FieldMask;

    /// <summary>Opens a run of phases; with <paramref name="helper"/> the helper thread is offered to join it.</summary>
    public void Begin(bool helper)
    {
        _failure = null;
        _active = true;
        if (helper)
            ParallelPair.Offer(Follow);
    }

    /// <summary>Runs chunks 0..<paramref name="chunks"/>-1 and returns when all are done (rethrowing a helper's failure).</summary>
    public void RunPhase(int chunks)
    {
        if (chunks > MaxChunks)
            throw new ArgumentOutOfRangeException(nameof(chunks), $"at most {MaxChunks} chunks per phase");
        _phaseId++;
        Volatile.Write(ref _claim, (_phaseId << (2 * CountShift)) | ((long)chunks << CountShift));
        try
        {
            while (TryClaim(out var chunk))
                _runChunk(chunk);
        }
        catch
        {
            // Close the phase (no chunk left to claim) and let the helper leave its chunk before the caller
            // unwinds and invalidates what the chunks read.
            Volatile.Write(ref _claim, _phaseId << (2 * CountShift));
            WaitForHelperChunk();
            // The caller's exception wins; a helper failure of this phase must not surface in the next one.
            Interlocked.Exchange(ref _failure, null);
            throw;
        }
        WaitForHelperChunk();
        ThrowIfFailed();
    }

    /// <summary>
    /// Closes the run: the helper stops looking for chunks; returns once it has left any chunk it was in.
    /// Safe in a <c>finally</c>: it never throws (a helper's failure surfaces from the <see cref="RunPhase"/> it happened in).
    /// </summary>
    public void End()
    {
        _active = false;
        WaitForHelperChunk();
    }

    private void ThrowIfFailed()
    {
        if (Interlocked.Exchange(ref _failure, null) is { } failure)
            ExceptionDispatchInfo.Throw(failure);
    }

    private bool TryClaim(out int chunk)
    {
        var word = Volatile.Read(ref _claim);
        chunk = -1;
        if ((word & FieldMask) >= ((word >> CountShift) & FieldMask))
            return false;
        word = Interlocked.Increment(ref _claim);
        chunk = (int)(word & FieldMask) - 1;
        return chunk < ((word >> CountShift) & FieldMask);
    }

    private void WaitForHelperChunk()
    {
        var spin = new SpinWait();
        while (Volatile.Read(ref _busy) != 0)
            spin.SpinOnce(sleep1Threshold: -1);
    }

    /// <summary>The helper's side: claim chunks of whatever phase is open until the caller ends the run.</summary>
    private void FollowPhases()
    {
        var spin = new SpinWait();
        while (_active)
        {
            Interlocked.Exchange(ref _busy, 1);
            try
            {
                if (TryClaim(out var chunk))
                {
                    _runChunk(chunk);
                    spin.Reset();
                    continue;
                }
            }
            catch (Exception e)
            {
                _failure = e;
            }
            finally
            {
                Volatile.Write(ref _busy, 0);
            }
            // Between phases the caller prepares the next one (tens of microseconds): spin, do not sleep.
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }
}
