using System.Data.Common;
using System.Runtime.CompilerServices;
using ContinualDash.Core.Runs;
using ContinualDash.Core.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace ContinualDash.Core.Data;

/// <summary>
/// Tells the <see cref="TrackingNotifier"/> about every committed change of a run or its task phases (new
/// runs, status moves, boundaries, final columns), from whichever writer made it: run creation, the queue,
/// the finisher, the boundary recorder. Being in the data layer, no writer can forget to notify. A change
/// saved inside a transaction is announced when that transaction commits and dropped if it rolls back, so a
/// stream never shows what was not stored.
/// </summary>
public sealed class TrackingChangeInterceptor(TrackingNotifier notifier) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>What one SaveChanges is about to write, kept until it has written (new runs get ids then).</summary>
    private readonly ConditionalWeakTable<DbContext, List<(EntityEntry Entry, bool Status)>> saving = new();

    /// <summary>Changes saved inside a transaction that has not committed yet.</summary>
    private readonly ConditionalWeakTable<DbTransaction, HashSet<(long RunId, bool Status)>> pending = new();

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Capture(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } context) saving.Remove(context);
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (!pending.TryGetValue(transaction, out var changes)) return;
        pending.Remove(transaction);
        Announce(changes);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => pending.Remove(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        pending.Remove(transaction);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => pending.Remove(transaction);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        pending.Remove(transaction);
        return Task.CompletedTask;
    }

    private void Capture(DbContext? context)
    {
        if (context is null) return;
        var entries = new List<(EntityEntry, bool)>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (entry.Entity)
            {
                case Run:
                    entries.Add((entry, entry.State != EntityState.Modified || entry.Property(nameof(Run.Status)).IsModified));
                    break;
                case TaskPhase:
                    entries.Add((entry, false));
                    break;
            }
        }
        if (entries.Count > 0) saving.AddOrUpdate(context, entries);
        else saving.Remove(context);
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !saving.TryGetValue(context, out var entries)) return;
        saving.Remove(context);
        // Ids are read now: a new run has its id only after the insert.
        var changes = entries.Select(e => (e.Entry.Entity switch
        {
            Run run => run.Id,
            TaskPhase phase => phase.RunId,
            _ => 0L,
        }, e.Status)).ToHashSet();
        if (context.Database.CurrentTransaction?.GetDbTransaction() is { } transaction)
        {
            var waiting = pending.GetValue(transaction, _ => []);
            waiting.UnionWith(changes);
        }
        else
        {
            Announce(changes);
        }
    }

    private void Announce(HashSet<(long RunId, bool Status)> changes)
    {
        foreach (var group in changes.GroupBy(c => c.RunId))
            notifier.RunChanged(group.Key, group.Any(c => c.Status));
    }
}
