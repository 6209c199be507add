import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const HELD = ' (retry)';

/**
 * The sync engine reads only due pairs (an index on job and due time), and the adverts poll becomes
 * one pair per marketplace (key `marketplace`) instead of one per account: the per-account pairs are
 * replaced by one that resumes from the earliest of their watermarks, so nothing is missed and the
 * first run after the upgrade re-reads only what the slowest account had not read yet.
 */
export class OneAdvertsFeedPerMarketplace1764700000000 implements MigrationInterface {
  name = 'OneAdvertsFeedPerMarketplace1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('sync_state', new TableIndex({ name: 'idx_sync_state_due', columnNames: ['job', 'next_run_at'] }));
    const rows: Array<{ watermark: string | null }> = await queryRunner.query(
      `SELECT watermark FROM sync_state WHERE job = 'adverts' AND account_key <> 'marketplace'`,
    );
    if (rows.length === 0) return;
    const marks = rows.flatMap(({ watermark }) =>
      watermark === null ? [] : [{ at: watermark.endsWith(HELD) ? watermark.slice(0, -HELD.length) : watermark, held: watermark.endsWith(HELD) }],
    );
    // An account never scanned to the end has no watermark: the feed's first scan start serves it.
    const earliest = marks.length < rows.length ? null : marks.reduce((best, mark) => (Date.parse(mark.at) < Date.parse(best.at) ? mark : best));
    const watermark = earliest && `${earliest.at}${marks.some((mark) => mark.held) ? HELD : ''}`;
    await queryRunner.query(`DELETE FROM sync_state WHERE job = 'adverts'`);
    const postgres = queryRunner.connection.options.type === 'postgres';
    await queryRunner.query(
      `INSERT INTO sync_state (job, account_key, watermark, next_run_at, consecutive_failures) VALUES ('adverts', 'marketplace', ${postgres ? '$1, $2' : '?, ?'}, 0)`,
      [watermark, postgres ? new Date() : new Date().toISOString().replace('T', ' ').replace('Z', '')],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The per-account pairs come back at the next tick of the per-account poll, from their first scan.
    await queryRunner.query(`DELETE FROM sync_state WHERE job = 'adverts' AND account_key = 'marketplace'`);
    await queryRunner.dropIndex('sync_state', 'idx_sync_state_due');
  }
}
