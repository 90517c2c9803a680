using ContinualDash.Core.Data;
using ContinualDash.Core.Queue;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.Workers;

/// <summary>Keeps the <see cref="Worker"/> rows: registration on start and a heartbeat while alive.</summary>
public sealed class WorkerRegistry(DashDbContext db, TimeProvider time)
{
    /// <summary>Creates or refreshes the worker's row (a restarted worker may reuse its id).</summary>
    /// <exception cref="QueueException">A bad registration.</exception>
    public async Task<Worker> RegisterAsync(WorkerRegistration registration, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(registration.Id) || registration.Id.Length > 100)
            throw new QueueException("id", "must be 1 to 100 characters");
        if (string.IsNullOrWhiteSpace(registration.Name) || registration.Name.Length > 200)
            throw new QueueException("name", "must be 1 to 200 characters");
        if (registration.Slots is < 0 or > 256) throw new QueueException("slots", "must be 0 to 256");
        var labels = JobLabels.Normalize(registration.Labels);

        var now = time.GetUtcNow().UtcDateTime;
        var worker = await db.Workers.FirstOrDefaultAsync(w => w.Id == registration.Id, ct);
        if (worker is null)
        {
            worker = new Worker { Id = registration.Id, StartedAt = now };
            db.Workers.Add(worker);
        }
        worker.Name = registration.Name.Trim();
        worker.Labels = labels;
        worker.Slots = registration.Slots;
        worker.InProcess = registration.InProcess;
        worker.HeartbeatAt = now;
        await db.SaveChangesAsync(ct);
        return worker;
    }

    /// <summary>Marks the worker alive; false if it is not registered (it should register again).</summary>
    public async Task<bool> HeartbeatAsync(string workerId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Workers.Where(w => w.Id == workerId)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.HeartbeatAt, now), ct) == 1;
    }

    public Task<Worker?> FindAsync(string workerId, CancellationToken ct) =>
        db.Workers.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workerId, ct);
}
