import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, ErrorCode, FieldProblem } from '../errors';

function flatten(errors: ValidationError[], prefix: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const isIndex = /^\d+$/.test(error.property);
    const path = prefix
      ? isIndex
        ? `${prefix}[${error.property}]`
        : `${prefix}.${error.property}`
      : error.property;
    for (const message of Object.values(error.constraints ?? {})) out.push({ field: path, message });
    if (error.children?.length) out.push(...flatten(error.children, path));
  }
  return out;
}

/**
 * The global validation pipe: whitelist + forbidNonWhitelisted + transform, and every failure becomes
 * one BAD_USER_INPUT error listing each offending field by its path as the client sent it
 * (`input.owners[1].sharePercent`).
 */
@Injectable()
export class AppValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors: ValidationError[]) => new ValidationFailed(flatten(errors, '')),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof ValidationFailed) {
        const prefix = metadata.type === 'custom' || !metadata.data ? '' : metadata.data;
        const fields = error.problems.map((p) => ({
          ...p,
          field: prefix ? `${prefix}.${p.field}` : p.field,
        }));
        const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
        throw new DomainError(ErrorCode.VALIDATION_FAILED, `Invalid input: ${summary}`, { fields });
      }
      throw error;
    }
  }
}

class ValidationFailed extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super('validation failed');
  }
}
