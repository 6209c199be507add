import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import { quoteIdentifier as quote, statementDialect } from './statement-values.js';

export interface MultiRowInsertOptions<E> {
  /** A unique column (its property): a row whose value is already stored is skipped (ON CONFLICT DO NOTHING). */
  skipConflictOn?: keyof E & string;
  /** Properties of the inserted rows to answer (RETURNING), e.g. a generated id. */
  returning?: ReadonlyArray<keyof E & string>;
}

/** What one entity's inserts need, worked out once per entity, column set and options (the SQL around the tuples included). */
interface InsertShape {
  /** `INSERT INTO "table" ("column", …) VALUES `. */
  head: string;
  columns: ColumnMetadata[];
  /** What follows the tuples: ` ON CONFLICT (…) DO NOTHING` and ` RETURNING …`, either or both empty. */
  tail: string;
  /** The properties RETURNING answers (each aliased to its property name). */
  returning: string[];
}

const shapes = new WeakMap<object, Map<string, InsertShape>>();

/**
 * One INSERT of `rows` (every row giving the same properties), built from the entity's metadata with
 * each value prepared by the driver as TypeORM's insert builder prepares it (transformers, dates), and
 * bound as a parameter (`$n` on Postgres, `?` on SQLite: the SQL depends only on the rows' count and
 * properties, so SQLite reuses its prepared statement). For a hot path (a webhook group commit): TypeORM's
 * InsertQueryBuilder spends far more CPU building the same statement (measured: ADR 0025). Answers the
 * `returning` properties of the rows inserted (skipped ones answer nothing), by property name.
 */
export async function insertRows<E extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<E>,
  rows: ReadonlyArray<Partial<E>>,
  options: MultiRowInsertOptions<E> = {},
): Promise<Array<Record<string, unknown>>> {
  if (rows.length === 0) return [];
  const shape = shapeOf(manager, target, Object.keys(rows[0]), options);
  const driver = manager.connection.driver;
  const dialect = statementDialect(manager);
  const values: unknown[] = [];
  const tuples = rows.map((row) => {
    const placeholders = shape.columns.map((column) => {
      if (!(column.propertyName in row)) throw new Error(`insertRows: every row must give ${column.propertyName}`);
      values.push(dialect.bind(driver.preparePersistentValue(row[column.propertyName as keyof E], column)));
      return dialect.placeholder(values.length);
    });
    return `(${placeholders.join(', ')})`;
  });
  const answered = (await manager.query(`${shape.head}${tuples.join(', ')}${shape.tail}`, values)) as Array<Record<string, unknown>> | undefined;
  if (shape.returning.length === 0) return [];
  return (answered ?? []).map((raw) => Object.fromEntries(shape.returning.map((property) => [property, raw[property]])));
}

function shapeOf<E extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<E>,
  properties: string[],
  options: MultiRowInsertOptions<E>,
): InsertShape {
  const metadata = manager.connection.getMetadata(target);
  const cacheKey = `${properties.join(',')}|${options.skipConflictOn ?? ''}|${(options.returning ?? []).join(',')}`;
  let byKey = shapes.get(metadata);
  if (!byKey) shapes.set(metadata, (byKey = new Map()));
  const cached = byKey.get(cacheKey);
  if (cached) return cached;
  const given = new Set(properties);
  const columnOf = (property: string) => {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`insertRows: ${metadata.name} has no column ${property}`);
    return column;
  };
  const columns = metadata.columns.filter((column) => given.has(column.propertyName) && !column.isVirtual);
  const table = metadata.tablePath.split('.').map(quote).join('.');
  const returning = [...(options.returning ?? [])];
  const conflict = options.skipConflictOn ? ` ON CONFLICT (${quote(columnOf(options.skipConflictOn).databaseName)}) DO NOTHING` : '';
  // Aliased to the property, so both databases answer the same keys.
  const answers = returning.length
    ? ` RETURNING ${returning.map((property) => `${quote(columnOf(property).databaseName)} AS ${quote(property)}`).join(', ')}`
    : '';
  const shape: InsertShape = {
    head: `INSERT INTO ${table} (${columns.map((column) => quote(column.databaseName)).join(', ')}) VALUES `,
    columns,
    tail: `${conflict}${answers}`,
    returning,
  };
  byKey.set(cacheKey, shape);
  return shape;
}
