import { ValidateIf } from 'class-validator';

/**
 * A field the caller may leave out, and only leave out: `null` is validated like any other value (and so
 * refused by the field's type check), where class-validator's `@IsOptional()` skips it too. Mappers
 * test `!== undefined`, so a null they were never meant to see cannot reach them (ADR 0014).
 * `@IsOptional()` stays for the fields whose documentation says `nullable` (null means something).
 */
export const MayBeOmitted = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);
