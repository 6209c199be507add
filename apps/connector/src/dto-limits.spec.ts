import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getMetadataStorage } from 'class-validator';

const SOURCE = path.dirname(fileURLToPath(import.meta.url));

/** Every DTO class of every context (`<ctx>/dto/*.dto.ts`) and of the shared HTTP pieces (`http/*.dto.ts`). */
async function dtoClasses(): Promise<Array<{ file: string; type: abstract new (...args: never[]) => unknown }>> {
  const files = readdirSync(SOURCE, { recursive: true, encoding: 'utf8' }).filter((file) => /(^|\/)(dto|http)\/[^/]+\.dto\.ts$/.test(file));
  const classes = [];
  for (const file of files.sort()) {
    const module = (await import(path.join(SOURCE, file))) as Record<string, unknown>;
    for (const value of Object.values(module))
      if (typeof value === 'function') classes.push({ file, type: value as abstract new (...args: never[]) => unknown });
  }
  return classes;
}

describe('request DTOs', () => {
  it('bound every string they accept (a string longer than its column is a 400, never a database error)', async () => {
    const unbounded: string[] = [];
    const classes = await dtoClasses();
    expect(classes.length).toBeGreaterThan(10);
    for (const { file, type } of classes) {
      const rules = getMetadataStorage().getTargetValidationMetadatas(type as never, '', true, false);
      const strings = new Set(rules.filter((rule) => rule.name === 'isString').map((rule) => rule.propertyName));
      const bounded = new Set(rules.filter((rule) => rule.name === 'maxLength').map((rule) => rule.propertyName));
      for (const property of strings) if (!bounded.has(property)) unbounded.push(`${file} ${type.name}.${property}`);
    }
    expect(unbounded).toEqual([]);
  });

  it('bound every number they accept from above (1e308 is an integer too, and no column holds it)', async () => {
    const unbounded: string[] = [];
    for (const { file, type } of await dtoClasses()) {
      const rules = getMetadataStorage().getTargetValidationMetadatas(type as never, '', true, false);
      const numbers = new Set(rules.filter((rule) => rule.name === 'isInt' || rule.name === 'isNumber').map((rule) => rule.propertyName));
      const bounded = new Set(rules.filter((rule) => rule.name === 'max' || rule.name === 'isIn').map((rule) => rule.propertyName));
      for (const property of numbers) if (!bounded.has(property)) unbounded.push(`${file} ${type.name}.${property}`);
    }
    expect(unbounded).toEqual([]);
  });
});
