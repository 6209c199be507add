import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ResourceLeaseEntity } from './entities/resource-lease.entity.js';
import { startHeartbeat } from './heartbeat.js';
import { SyncClock, SyncRunner } from './sync-runner.js';

/**
 * Named leases in the database, for work that replicas on one Postgres must not do twice at once
 * (e.g. creating the Marketplacer advert of one ANYMARKET product from two of its SKUs). Taking one
 * is a single conditional INSERT or UPDATE, atomic on SQLite and Postgres; a crashed holder's lease
 * expires. No connection is held while the work runs.
 */
@Injectable()
export class ResourceLeases {
  private readonly logger = new Logger('Leases');

  constructor(
    @InjectRepository(ResourceLeaseEntity) private readonly leases: Repository<ResourceLeaseEntity>,
    private readonly clock: SyncClock,
    private readonly runner: SyncRunner,
  ) {}

  /**
   * Runs `task` holding the lease `name` (renewed every third of `ttlMs` while it runs), or answers
   * `{ acquired: false }` at once when another process holds it.
   */
  async tryWith<T>(name: string, ttlMs: number, task: () => Promise<T>): Promise<{ acquired: true; value: T } | { acquired: false }> {
    const owner = this.runner.owner;
    if (!(await this.take(name, owner, ttlMs))) return { acquired: false };
    const heartbeat = startHeartbeat(ttlMs, () => this.take(name, owner, ttlMs), {
      lost: () => this.logger.warn({ msg: 'lease lost while its task runs (another process took it over)', name }),
      error: (error) => this.logger.warn({ msg: 'could not renew a lease', name, reason: String(error) }),
    });
    try {
      return { acquired: true, value: await task() };
    } finally {
      heartbeat.stop();
      await this.leases.delete({ name, owner });
    }
  }

  /** Takes (or renews) the lease for `owner` unless another owner holds a live one. */
  private async take(name: string, owner: string, ttlMs: number): Promise<boolean> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + ttlMs);
    // Ours already, or expired: one conditional UPDATE decides.
    const updated = await this.leases
      .createQueryBuilder()
      .update()
      .set({ owner, expiresAt })
      .where('name = :name AND (owner = :owner OR expires_at < :now)', { name, owner, now })
      .execute();
    if (updated.affected === 1) return true;
    // No row yet (or a live one of someone else's): the first INSERT wins, the others are ignored.
    await this.leases.createQueryBuilder().insert().values({ name, owner, expiresAt }).orIgnore().execute();
    return this.holds(name, owner, now);
  }

  private async holds(name: string, owner: string, now: Date): Promise<boolean> {
    const lease = await this.leases.findOneBy({ name });
    return lease !== null && lease.owner === owner && lease.expiresAt >= now;
  }
}
